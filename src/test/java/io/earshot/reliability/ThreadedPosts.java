package io.earshot.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A generated stream of threads for fault tests: each thread is a root post that carries the rule word and
 * {@value #THREAD_LENGTH} - 1 replies, each to the post before, so every post ends up in the thread's one
 * conversation. Ids are {@code <prefix><thread>-<n>}, so a test can tell threads apart in the database.
 */
record ThreadedPosts(String prefix, String word, int threads) {

    static final int THREAD_LENGTH = 5;
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    int posts() {
        return threads * THREAD_LENGTH;
    }

    static String threadOf(String externalId) {
        return externalId.substring(0, externalId.lastIndexOf('-'));
    }

    String id(int thread, int n) {
        return prefix + thread + "-" + n;
    }

    /** The n-th post of a thread as an envelope. */
    String envelope(int thread, int n) {
        String text = n == 0 ? "my order is lost " + word + " #order" + (thread % 7) : "reply " + n + " in thread " + thread;
        return "{\"id\":\"" + id(thread, n) + "\",\"platform\":\"x\",\"author\":{\"handle\":\"user" + (thread % 97)
                + "\"},\"text\":\"" + text + "\",\"created_at\":\"" + START.plusSeconds(thread * 10L + n) + "\""
                + (n == 0 ? "" : ",\"in_reply_to\":\"" + id(thread, n - 1) + "\"") + "}";
    }

    /** Every post, threads interleaved the way a stream mixes them, as one NDJSON file. */
    byte[] ndjson() {
        StringBuilder out = new StringBuilder(posts() * 200);
        for (int n = 0; n < THREAD_LENGTH; n++) {
            for (int t = 0; t < threads; t++) {
                out.append(envelope(t, n)).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Produces every post to {@code topic}, keyed by thread so a thread stays on one partition. */
    void produce(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        // One batch in flight a partition: a new topic's first produce can meet NOT_LEADER_OR_FOLLOWER,
        // and with several batches in flight behind it the idempotent producer then retried
        // OUT_OF_ORDER_SEQUENCE_NUMBER until the acks timed out (RedeliveryIT, CI of 3c9eceb).
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(posts());
            for (int n = 0; n < THREAD_LENGTH; n++) {
                for (int t = 0; t < threads; t++) {
                    acks.add(producer.send(new ProducerRecord<>(topic, id(t, 0).getBytes(StandardCharsets.UTF_8),
                            envelope(t, n).getBytes(StandardCharsets.UTF_8))));
                }
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("producing " + posts() + " posts to " + topic + " failed", e);
        }
    }
}
