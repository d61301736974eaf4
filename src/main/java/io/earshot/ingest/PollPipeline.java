package io.earshot.ingest;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.quarkus.logging.Log;

/**
 * Runs the posts consumer's polls through the pipeline as one stream, never drained between polls:
 * each poll is cut into pipeline batches whose parsing and matching start at once, batches are stored
 * one at a time in poll order on the consumer's thread, and each is indexed while the next is stored.
 * A batch's offsets are committed once it and every batch before it are indexed.
 *
 * <p>Draining the pipeline at the end of every poll, as imports do at their end, left the store stage
 * idle while a poll's first batch was parsed and its last one indexed, and made a post wait for the
 * whole poll before it: under steady load, polls grew to thousands of records and a post's freshness
 * to seconds.
 *
 * <p>Only the consumer's thread calls this class. A failure anywhere throws from the next
 * {@code apply}; {@link #rewind} then waits for the batches in flight and seeks back to the first
 * record not yet committed, and the retry finds the batches already stored and changes nothing.
 */
final class PollPipeline implements KafkaBatchLoop.Batch {

    /** Stored batches waiting for the index before the next store waits: storing never runs far ahead of it. */
    private static final int MAX_WAITING_FOR_INDEX = 2;
    private static final Duration WHILE_INDEXING = Duration.ofMillis(20);

    /** A pipeline batch on its way: prepared, then stored, then indexed. */
    private static final class Flight {
        final Map<TopicPartition, Long> first = new HashMap<>();
        final Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        CompletableFuture<PreparedBatch> prepared;
        CompletableFuture<BatchResult> indexed;
    }

    private final int batchSize;
    private final BiFunction<String, List<RawPost>, CompletableFuture<PreparedBatch>> prepare;
    private final IngestPipeline pipeline;
    private final ArrayDeque<Flight> flights = new ArrayDeque<>();
    private boolean finishedWork;

    /**
     * @param prepare starts a batch's parsing and matching on another thread
     */
    PollPipeline(int batchSize, BiFunction<String, List<RawPost>, CompletableFuture<PreparedBatch>> prepare,
            IngestPipeline pipeline) {
        this.batchSize = batchSize;
        this.prepare = prepare;
        this.pipeline = pipeline;
    }

    @Override
    public void apply(KafkaConsumer<byte[], byte[]> consumer, ConsumerRecords<byte[], byte[]> records) {
        finishedWork = false;
        commitIndexed(consumer);
        boolean polledNothing = records.isEmpty();
        flights.addAll(split(records));
        // The newest batch of a poll that brought records is stored on the next turn, after one more
        // poll without waiting: its parsing then overlaps that poll's and the stores before it.
        storeAllBut(polledNothing ? 0 : 1);
        commitIndexed(consumer);
    }

    /**
     * No wait while a batch waits to be stored. While batches are only being indexed, a short one: new
     * records end it at once, and a batch's commit, which freshness does not wait for, is at most
     * this late (polling without a wait there spun a core).
     */
    @Override
    public Duration nextPollWait(Duration idle) {
        if (flights.isEmpty()) {
            return idle;
        }
        return flights.peekLast().indexed == null ? Duration.ZERO : WHILE_INDEXING;
    }

    @Override
    public boolean inFlight() {
        return !flights.isEmpty();
    }

    @Override
    public boolean finishedWork() {
        return finishedWork;
    }

    @Override
    public void rewind(KafkaConsumer<byte[], byte[]> consumer, ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> from = new HashMap<>(KafkaBatchLoop.firstOffsets(records));
        abandonFlights(from);
        KafkaBatchLoop.seekToFirst(consumer, from);
    }

    @Override
    public void settle(KafkaConsumer<byte[], byte[]> consumer) {
        try {
            storeAllBut(0);
            for (Flight flight : flights) {
                IngestPipeline.await(flight.indexed);
            }
            commitIndexed(consumer);
        } catch (RuntimeException e) {
            Log.warnf("Posts in flight could not be finished (%s); they are read again from the last commit",
                    e.getMessage());
        }
        Map<TopicPartition, Long> from = new HashMap<>();
        abandonFlights(from);
        KafkaBatchLoop.seekToFirst(consumer, from);
    }

    private List<Flight> split(ConsumerRecords<byte[], byte[]> records) {
        List<Flight> split = new ArrayList<>();
        List<RawPost> batch = new ArrayList<>(Math.min(batchSize, records.count()));
        Flight flight = new Flight();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            TopicPartition partition = new TopicPartition(r.topic(), r.partition());
            flight.first.putIfAbsent(partition, r.offset());
            flight.next.put(partition, new OffsetAndMetadata(r.offset() + 1));
            batch.add(RawPost.ofKafka(r.topic(), r.partition(), r.offset(), r.timestamp(), r.value()));
            if (batch.size() == batchSize) {
                flight.prepared = prepare.apply("kafka", batch);
                split.add(flight);
                batch = new ArrayList<>(batchSize);
                flight = new Flight();
            }
        }
        if (!batch.isEmpty()) {
            flight.prepared = prepare.apply("kafka", batch);
            split.add(flight);
        }
        return split;
    }

    /** Stores the batches not stored yet, in order, leaving the newest {@code leave} of them. */
    private void storeAllBut(int leave) {
        List<Flight> unstored = flights.stream().filter(f -> f.indexed == null).toList();
        for (Flight flight : unstored.subList(0, Math.max(0, unstored.size() - leave))) {
            awaitIndexRoom();
            flight.indexed = pipeline.store(IngestPipeline.await(flight.prepared));
        }
    }

    private void awaitIndexRoom() {
        List<Flight> waiting = flights.stream().filter(f -> f.indexed != null && !f.indexed.isDone()).toList();
        if (waiting.size() >= MAX_WAITING_FOR_INDEX) {
            IngestPipeline.await(waiting.get(0).indexed);
        }
    }

    /** Commits the offsets of the leading batches that are indexed; throws the failure of one that failed. */
    private void commitIndexed(KafkaConsumer<byte[], byte[]> consumer) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        try {
            while (!flights.isEmpty() && flights.peek().indexed != null && flights.peek().indexed.isDone()) {
                IngestPipeline.await(flights.peek().indexed);
                offsets.putAll(flights.poll().next);
            }
        } finally {
            offsets.keySet().retainAll(consumer.assignment());
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets);
                finishedWork = true;
            }
        }
    }

    /**
     * Lets the batches in flight end (a store cannot be called back; a batch stored must be indexed
     * before the retry stores the next) and adds where each not committed began to {@code from}.
     */
    private void abandonFlights(Map<TopicPartition, Long> from) {
        for (Flight flight : flights) {
            flight.first.forEach((partition, offset) -> from.merge(partition, offset, Math::min));
            if (flight.indexed != null) {
                flight.indexed.exceptionally(e -> null).join();
            } else {
                flight.prepared.cancel(false);
            }
        }
        flights.clear();
    }
}
