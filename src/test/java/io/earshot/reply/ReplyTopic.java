package io.earshot.reply;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.earshot.conversation.Staff;
import io.earshot.testing.KafkaBroker;
import io.earshot.testing.TopicRecords;
import io.earshot.testing.TopicRecords.Published;

/** Reads the replies topic as a connector would ({@code read_committed}) and writes delivery reports. */
final class ReplyTopic {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private ReplyTopic() {
    }

    /**
     * The records carrying this reply, found by its external id: reply ids repeat across the test
     * applications (each has its own database) that share the broker, external ids do not.
     */
    static List<Published> of(long replyId) {
        String externalId = Staff.agent().get("/api/replies/" + replyId).then().statusCode(200).extract()
                .jsonPath().getString("externalId");
        return TopicRecords.readAll(ReplyConfig.REPLIES_TOPIC).stream()
                .filter(r -> r.value().path("id").asText().equals(externalId)).toList();
    }

    /** Sends delivery reports (raw values) to the status topic, as a connector would. */
    static void report(String... values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(ReplyConfig.STATUS_TOPIC, value));
            }
            producer.flush();
        }
    }

    /** Waits until {@code value} answers non-null, for at most a minute. */
    static <T> T await(String what, Supplier<T> value) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            T result = value.get();
            if (result != null) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
