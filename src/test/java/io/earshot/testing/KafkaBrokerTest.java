package io.earshot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test harness itself: a real broker, started as a child JVM, takes records, hands them back, honours
 * transactions, and keeps records and committed offsets across a restart.
 */
class KafkaBrokerTest {

    /** Kafka's clients log every config and rebalance at INFO; held so the level is not garbage-collected away. */
    private static final java.util.logging.Logger KAFKA_CLIENT_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        KAFKA_CLIENT_LOG.setLevel(java.util.logging.Level.WARNING);
        broker = KafkaBroker.shared();
        assertTrue(broker.isRunning());
        System.out.println("Kafka broker " + broker.bootstrapServers() + " started in " + broker.lastStartTime());
    }

    @Test
    void producesAndConsumesHundredRecords() throws Exception {
        String topic = "harness-" + UUID.randomUUID();
        broker.createTopic(topic, 3);

        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 7), "value-" + i)).get(30, TimeUnit.SECONDS);
            }
        }

        List<ConsumerRecord<String, String>> records = consume(topic, "group-" + UUID.randomUUID(), 100);
        assertEquals(100, records.size());
        assertEquals(100, records.stream().map(ConsumerRecord::value).distinct().count());
        // per key (so per partition) the order of sending is kept
        Map<String, Integer> lastByKey = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            int n = Integer.parseInt(r.value().substring("value-".length()));
            Integer before = lastByKey.put(r.key(), n);
            assertTrue(before == null || before < n, "out of order for " + r.key());
        }
    }

    @Test
    void readCommittedSkipsAbortedTransactions() throws Exception {
        String topic = "harness-tx-" + UUID.randomUUID();
        broker.createTopic(topic, 3);

        try (KafkaProducer<String, String> producer = producer(
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "harness-tx-" + UUID.randomUUID()))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "aborted-" + i));
            }
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "committed-" + i));
            }
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> records = consume(topic, "group-" + UUID.randomUUID(), 100);
        assertEquals(100, records.size());
        assertTrue(records.stream().allMatch(r -> r.value().startsWith("committed-")));
    }

    @Test
    void restartKeepsRecordsAndCommittedOffsets() throws Exception {
        String topic = "harness-restart-" + UUID.randomUUID();
        String group = "group-" + UUID.randomUUID();
        String before = broker.bootstrapServers();
        broker.createTopic(topic, 3);

        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "first-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        assertEquals(50, consume(topic, group, 50).size()); // commits its offsets

        long t0 = System.nanoTime();
        broker.restart();
        System.out.println("Kafka broker restarted in " + Duration.ofNanos(System.nanoTime() - t0)
                + " (start " + broker.lastStartTime() + ")");
        assertTrue(broker.isRunning());
        assertEquals(before, broker.bootstrapServers());

        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "second-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        // the old group resumes after its committed offsets: only the new records
        List<ConsumerRecord<String, String>> resumed = consume(topic, group, 50);
        assertEquals(50, resumed.size());
        assertTrue(resumed.stream().allMatch(r -> r.value().startsWith("second-")));
        // a new group sees everything, from before and after the restart
        assertEquals(100, consume(topic, "group-" + UUID.randomUUID(), 100).size());
    }

    @Test
    void sharedIsOneBrokerPerJvm() {
        assertEquals(broker.bootstrapServers(), KafkaBroker.shared().bootstrapServers());
        assertNotNull(broker.logFile());
        assertTrue(broker.logFile().toFile().length() > 0, "broker log " + broker.logFile() + " is empty");
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.putAll(extra);
        return new KafkaProducer<>(p);
    }

    /** Reads {@code expected} records with a read_committed consumer in {@code group}, commits, and checks for extras. */
    private static List<ConsumerRecord<String, String>> consume(String topic, String group, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            // nothing beyond what was expected
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            consumer.commitSync(Duration.ofSeconds(30));
        }
        return out;
    }
}
