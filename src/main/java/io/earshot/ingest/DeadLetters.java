package io.earshot.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Keeps refused records: always in the {@code dead_letter} table, and on the
 * {@code earshot.posts.dlq} topic when Kafka is on (with the reason and source in headers).
 * Both are written before the batch's offsets are committed, so a refusal is never lost.
 */
@ApplicationScoped
public class DeadLetters {

    /** Largest record sent to the dead-letter topic; longer ones are cut (the table keeps the size). */
    static final int MAX_TOPIC_BYTES = 900_000;

    /**
     * A record to keep, with why it was refused.
     *
     * @param recordKey the record's lasting identity at its source, or null; a refusal with a key
     *        already kept (a replayed Kafka batch) is not kept again
     */
    public record Refusal(String source, String position, String recordKey, String reason, byte[] payload) {
    }

    @Inject
    KafkaClients kafka;

    @Inject
    KafkaConfig config;

    @Transactional
    public void keep(List<Refusal> all, Instant now) {
        if (all.isEmpty()) {
            return;
        }
        Set<String> kept = DeadLetter.keptKeys(all.stream().map(Refusal::recordKey)
                .filter(Objects::nonNull).toList());
        List<Refusal> refusals = all.stream().filter(r -> r.recordKey() == null || !kept.contains(r.recordKey()))
                .toList();
        if (refusals.isEmpty()) {
            return;
        }
        // The topic first: if the table insert then fails, the replay may publish again, and the
        // earshot.record header lets a reader of the topic drop the repeat.
        if (kafka.enabled()) {
            publish(refusals);
        }
        for (Refusal r : refusals) {
            DeadLetter letter = new DeadLetter();
            letter.source = r.source();
            letter.position = r.position() == null ? null : abbreviate(r.position(), 64);
            letter.reason = abbreviate(r.reason(), 1000);
            letter.payload = storablePayload(r.payload());
            letter.payloadBytes = r.payload().length;
            letter.recordKey = r.recordKey();
            letter.receivedAt = now;
            letter.persist();
        }
    }

    private void publish(List<Refusal> refusals) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(refusals.size());
        for (Refusal r : refusals) {
            byte[] value = r.payload().length <= MAX_TOPIC_BYTES ? r.payload()
                    : Arrays.copyOf(r.payload(), MAX_TOPIC_BYTES);
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(config.deadLetterTopic(), null, value);
            record.headers().add("earshot.reason", r.reason().getBytes(StandardCharsets.UTF_8));
            record.headers().add("earshot.source", r.source().getBytes(StandardCharsets.UTF_8));
            if (r.position() != null) {
                record.headers().add("earshot.position", r.position().getBytes(StandardCharsets.UTF_8));
            }
            if (r.recordKey() != null) {
                record.headers().add("earshot.record", r.recordKey().getBytes(StandardCharsets.UTF_8));
            }
            sent.add(kafka.producer().send(record));
        }
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing dead letters", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing dead letters failed", e.getCause());
        }
    }

    /** The payload as text a database column can hold: bad bytes and NULs replaced, length bounded. */
    static String storablePayload(byte[] payload) {
        String text = new String(payload, 0, Math.min(payload.length, DeadLetter.MAX_PAYLOAD), StandardCharsets.UTF_8)
                .replace('\u0000', '\uFFFD');
        return abbreviate(text, DeadLetter.MAX_PAYLOAD);
    }

    private static String abbreviate(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }
}
