package io.earshot.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One input record on its way into the pipeline, as a source read it: the bytes of an envelope
 * (Kafka value, NDJSON line), an envelope already read as JSON (array element, converted CSV row),
 * or a record the source itself could not read, with the reason.
 *
 * @param position where it came from, for error reports: a line number, {@code partition:offset}, a row
 * @param bytes the raw envelope, or {@code null}
 * @param json the envelope as JSON, or {@code null}
 * @param rejection why the source could not read it, or {@code null}
 * @param payload what to keep as the dead letter when it is refused (bounded by the source)
 * @param recordKey the record's lasting identity where the source has one (a Kafka topic, partition
 *        and offset), so that a replayed refusal is kept once; {@code null} otherwise
 * @param producedAtMillis when the record was written to its source (a Kafka record's timestamp), in
 *        epoch milliseconds, or {@link #UNKNOWN_TIME}: what the ingest freshness is timed from
 */
public record RawPost(String position, byte[] bytes, JsonNode json, String rejection, String payload,
        String recordKey, long producedAtMillis) {

    public static final long UNKNOWN_TIME = -1;

    public static RawPost ofBytes(String position, byte[] bytes) {
        return new RawPost(position, bytes, null, null, null, null, UNKNOWN_TIME);
    }

    public static RawPost ofJson(String position, JsonNode json) {
        return new RawPost(position, null, json, null, null, null, UNKNOWN_TIME);
    }

    public static RawPost unreadable(String position, String reason, String payload) {
        return new RawPost(position, null, null, reason, payload, null, UNKNOWN_TIME);
    }

    /**
     * A Kafka record: its position is {@code partition:offset}, its identity includes the topic;
     * {@code timestamp} is the record's (the producer's clock, or the broker's for a topic that logs
     * append time), negative when it has none.
     */
    public static RawPost ofKafka(String topic, int partition, long offset, long timestamp, byte[] value) {
        String position = partition + ":" + offset;
        String key = topic + "/" + position;
        long producedAt = timestamp < 0 ? UNKNOWN_TIME : timestamp;
        return value == null || value.length == 0
                ? new RawPost(position, null, null, "empty record", "", key, producedAt)
                : new RawPost(position, value, null, null, null, key, producedAt);
    }
}
