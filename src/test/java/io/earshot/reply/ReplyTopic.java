package io.earshot.reply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.earshot.conversation.Staff;
import io.earshot.testing.KafkaBroker;

/** Reads the replies topic as a connector would ({@code read_committed}) and writes delivery reports. */
final class ReplyTopic {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** One record of the replies topic. */
    record Published(String key, JsonNode value) {
    }

    private ReplyTopic() {
    }

    /** Every committed record of the replies topic, from the beginning to the last stable offset. */
    static List<Published> readAll() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Published> all = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(ReplyConfig.REPLIES_TOPIC).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(partitions));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + ReplyConfig.REPLIES_TOPIC + " to its end");
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    all.add(new Published(r.key(), JSON.readTree(r.value())));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    /**
     * The records carrying this reply, found by its external id: reply ids repeat across the test
     * applications (each has its own database) that share the broker, external ids do not.
     */
    static List<Published> of(long replyId) {
        String externalId = Staff.agent().get("/api/replies/" + replyId).then().statusCode(200).extract()
                .jsonPath().getString("externalId");
        return readAll().stream().filter(r -> r.value().path("id").asText().equals(externalId)).toList();
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
