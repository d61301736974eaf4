package io.earshot.reply;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import io.earshot.ingest.KafkaClients;
import io.quarkus.logging.Log;

/**
 * One session of the outbox relay: a transactional producer plus the reader of its position. Opening it
 * fences any earlier producer with the same {@code transactional.id} (a crashed or stalled relay) and
 * settles that producer's unfinished transaction. {@link #recover()} then marks the rows of the last
 * committed transaction published, and {@link #relayBatch()} publishes waiting rows:
 *
 * <ol>
 * <li>begin a Kafka transaction; send each row to the replies topic, keyed by conversation;</li>
 * <li>in the same transaction, commit the relay group's offset on the position topic, with the rows'
 * rows (id and check) as the offset metadata ({@code sendOffsetsToTransaction});</li>
 * <li>commit the transaction, then mark the rows published in the database.</li>
 * </ol>
 *
 * A crash before 3 commits leaves nothing visible to {@code read_committed} readers and the rows
 * waiting; a crash after it leaves the rows in the committed position, so the next session's
 * {@link #recover()} marks them without sending them again. Any failure ends the session: the caller
 * closes it and opens a new one, which recovers first.
 */
final class OutboxRelay implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> positionReader;
    private final OutboxStore store;
    private final ReplyConfig config;
    private final TopicPartition position;
    private final ConsumerGroupMetadata group;
    private long sequence;
    private boolean recovered;

    OutboxRelay(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> positionReader, OutboxStore store,
            ReplyConfig config) {
        this.producer = producer;
        this.positionReader = positionReader;
        this.store = store;
        this.config = config;
        this.position = new TopicPartition(config.positionTopic(), 0);
        this.group = new ConsumerGroupMetadata(config.relayGroup());
    }

    /** Opens a session: builds the clients and fences the previous producer. */
    static OutboxRelay open(KafkaClients clients, ReplyConfig config, OutboxStore store) {
        Producer<byte[], byte[]> producer = clients.transactionalProducer(config.transactionalId());
        Consumer<byte[], byte[]> reader = null;
        try {
            producer.initTransactions();
            reader = clients.consumer(config.relayGroup(), config.transactionalId() + "-position");
            return new OutboxRelay(producer, reader, store, config);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            if (reader != null) {
                reader.close(Duration.ZERO);
            }
            throw e;
        }
    }

    /** Reads the committed position and marks its rows published: they are on the topic already. */
    void recover() {
        OffsetAndMetadata committed = positionReader.committed(Set.of(position)).get(position);
        if (committed != null) {
            sequence = committed.offset();
            List<RelayPosition.Row> published = RelayPosition.decode(committed.metadata());
            if (!published.isEmpty()) {
                store.markPublished(published);
            }
        }
        recovered = true;
    }

    /** Publishes the oldest waiting rows in one transaction and marks them; answers how many (0: none wait). */
    int relayBatch() {
        if (!recovered) {
            throw new IllegalStateException("recover() first");
        }
        List<OutboxStore.Waiting> batch = store.waiting(Math.min(config.batchSize(), RelayPosition.MAX_ROWS));
        if (batch.isEmpty()) {
            return 0;
        }
        List<RelayPosition.Row> rows = batch.stream().map(OutboxStore.Waiting::row).toList();
        producer.beginTransaction();
        for (OutboxStore.Waiting w : batch) {
            byte[] key = Long.toString(w.conversationId()).getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(config.topic(), key, w.value()));
        }
        producer.sendOffsetsToTransaction(Map.of(position, new OffsetAndMetadata(sequence + 1,
                RelayPosition.encode(rows))), group);
        pauseFor(ReplyConfig.RelayFaultPause.BEFORE_COMMIT, rows);
        producer.commitTransaction();
        sequence++;
        pauseFor(ReplyConfig.RelayFaultPause.AFTER_COMMIT, rows);
        store.markPublished(rows);
        return batch.size();
    }

    /** Holds the relay here until the process ends when {@code earshot.reply.relay-fault-pause} names this point. */
    private void pauseFor(ReplyConfig.RelayFaultPause point, List<RelayPosition.Row> rows) {
        if (config.relayFaultPause().orElse(null) != point) {
            return;
        }
        if (point == ReplyConfig.RelayFaultPause.BEFORE_COMMIT) {
            // The open transaction's records reach the broker's log, as they would while a commit is under way.
            producer.flush();
        }
        Log.warnf("%s: %s, outbox rows %s (earshot.reply.relay-fault-pause)", ReplyConfig.RelayFaultPause.LOG_LINE,
                point.name().toLowerCase().replace('_', '-'), rows.stream().map(RelayPosition.Row::outboxId).toList());
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the paused relay was interrupted", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        positionReader.close(Duration.ofSeconds(5));
    }
}
