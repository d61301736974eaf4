package io.earshot.ingest;

import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.conversationOf;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import io.earshot.testing.ConsumerLag;
import io.earshot.testing.FreshnessHistogram;
import io.earshot.testing.KafkaBroker;
import io.earshot.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** End to end through a real Kafka broker: topic in, conversations and dead letters out. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
public class KafkaIngestTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void postsProducedToTheTopicBecomeConversationsAndBadRecordsBecomeDeadLetters() throws Exception {
        String word = uniqueWord();
        rule("kafka " + word, word);
        String root = uniqueId();
        String reply = uniqueId();
        String after = uniqueId();
        String badPayload = "{\"id\":\"" + uniqueId() + "\",\"platform\":\"x\",\"text\":\"" + word + " without author\"}";
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, root, post(root, "kim", "where is my " + word + "?"));
            send(producer, root, "{broken json " + word);
            send(producer, root, badPayload);
            send(producer, root, post(reply, "lee", "same question", root));
            send(producer, after, post(after, "max", "still flowing " + word));
            producer.flush();
        }

        Long conversation = await(() -> conversationOf(after) != null ? conversationOf(root) : null);
        assertNotNull(conversation, "the consumer kept going after the bad records");
        assertEquals(conversation, conversationOf(reply));
        admin().get("/api/conversations/" + conversation).then().statusCode(200).body("messageCount", equalTo(2));
        admin().get("/api/dead-letters").then().statusCode(200)
                .body("items.source", hasItem("kafka"))
                .body("items.payload", hasItem("{broken json " + word))
                .body("items.reason", hasItem(containsString("author is required")));

        io.restassured.RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"))
                .body(containsString("earshot_posts_received_total{source=\"kafka\"}"));

        List<String> dlq = readDeadLetterTopic(word, 2);
        assertTrue(dlq.contains("{broken json " + word), "DLQ topic holds the malformed record: " + dlq);
        assertTrue(dlq.contains(badPayload), "DLQ topic holds the invalid envelope: " + dlq);
    }

    @Test
    void aThreadLongerThanSeveralBatchesIsStoredWholeAndCommittedToTheEndOfTheTopic() throws Exception {
        String word = uniqueWord();
        rule("long thread " + word, word);
        int posts = 2_500;
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < posts; i++) {
                String id = uniqueId();
                String parent = ids.isEmpty() ? null : ids.get(ids.size() - 1);
                ids.add(id);
                producer.send(new ProducerRecord<>(KafkaConfig.POSTS_TOPIC, id.getBytes(StandardCharsets.UTF_8),
                        post(id, "fan" + i, i == 0 ? "the " + word + " thread" : "reply " + i, parent)
                                .getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }

        String last = ids.get(ids.size() - 1);
        Long conversation = await(() -> conversationOf(last));
        assertNotNull(conversation, "the last reply of the thread was stored");
        assertEquals(conversation, conversationOf(ids.get(0)));
        admin().get("/api/conversations/" + conversation).then().statusCode(200).body("messageCount", equalTo(posts));
        assertTrue(ConsumerLag.awaitZero(KafkaBroker.shared(), "earshot", KafkaConfig.POSTS_TOPIC, WAIT),
                "every record's offset is committed once the stream pauses");
    }

    @Test
    void eachStoredPostIsTimedFromItsRecordsTimestampUntilItIsSearchable() throws Exception {
        String word = uniqueWord();
        rule("freshness " + word, word);
        FreshnessHistogram before = freshness();
        long producedAt = System.currentTimeMillis() - 90_000;
        int posts = 3;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < posts; i++) {
                String id = uniqueId();
                producer.send(new ProducerRecord<>(KafkaConfig.POSTS_TOPIC, null, producedAt,
                        id.getBytes(StandardCharsets.UTF_8),
                        post(id, "late" + i, "a late " + word).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }

        FreshnessHistogram after = await(() -> {
            FreshnessHistogram now = freshness();
            return now.count() >= before.count() + posts ? now : null;
        });
        assertNotNull(after, "the stored posts were timed");
        admin().get("/api/search?q=" + word).then().statusCode(200).body("total", equalTo(posts));
        FreshnessHistogram timed = after.since(before);
        assertTrue(timed.count() - timed.countWithin(60_000) >= posts,
                "posts produced 90 s ago count as over a minute old: " + timed);
        assertTrue(timed.sumMs() >= posts * 90_000.0, "each post is timed from its record's timestamp: " + timed);
    }

    private static FreshnessHistogram freshness() {
        return FreshnessHistogram.parse(io.restassured.RestAssured.get("/q/metrics").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void readinessReportsKafka() {
        io.restassured.RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("kafka"))
                .body("checks.find { it.name == 'kafka' }.data.enabled", equalTo(true));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(KafkaConfig.POSTS_TOPIC, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static List<String> readDeadLetterTopic(String word, int expected) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(KafkaConfig.DEAD_LETTER_TOPIC));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String value = new String(r.value(), StandardCharsets.UTF_8);
                    if (value.contains(word)) {
                        found.add(value);
                    }
                }
            }
        }
        return found;
    }

    private static <T> T await(java.util.function.Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        return null;
    }
}
