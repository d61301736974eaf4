package io.earshot.reply;

import java.util.Collection;
import java.util.List;

/** The relay's view of the outbox: what waits, and marking what Kafka has committed. */
public interface OutboxStore {

    /** One waiting outbox row, ready to send: the record key is the conversation id. */
    record Waiting(RelayPosition.Row row, long conversationId, byte[] value) {
    }

    /** The oldest rows not yet published, at most {@code limit}. */
    List<Waiting> waiting(int limit);

    /**
     * Marks these rows (and their replies, while still queued) published. Rows already marked, and rows
     * whose check does not match their reply, are left alone.
     */
    void markPublished(Collection<RelayPosition.Row> rows);
}
