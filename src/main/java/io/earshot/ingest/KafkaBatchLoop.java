package io.earshot.ingest;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import io.quarkus.logging.Log;

/**
 * One Kafka consumer on a thread of its own, as every Earshot consumer runs: each non-empty poll is one
 * batch, handed to a {@link Batch} that applies it and commits its offsets. When a batch fails (database
 * down, index full) the consumer rewinds to the batch's first offsets and retries with doubling back-off,
 * so nothing is skipped and the loop never stops by itself. It logs one line when batches start failing
 * and one when they succeed again.
 *
 * <p>A batch may also keep work in flight after {@code apply} returns (the posts pipeline stores one
 * poll while the next is parsed): the batch then says how long a poll may wait, the loop applies empty
 * polls too, so that finished work is committed, lets the batch choose where a retry starts, and has
 * it settle its work before partitions are revoked or the consumer closes.
 */
public final class KafkaBatchLoop {

    private static final Duration POLL = Duration.ofMillis(200);

    /** Applies one poll's records and commits their offsets; throws to have the batch retried. */
    @FunctionalInterface
    public interface Batch {
        void apply(KafkaConsumer<byte[], byte[]> consumer, ConsumerRecords<byte[], byte[]> records);

        /**
         * How long the next poll may wait for records when none arrive; the loop applies an empty poll
         * only to a batch with work in flight ({@link #inFlight}), so that finished work is committed.
         */
        default Duration nextPollWait(Duration idle) {
            return idle;
        }

        /** Whether records handed over are still being worked on. */
        default boolean inFlight() {
            return false;
        }

        /** Whether the last {@code apply} finished work: only then does a failure count as over. */
        default boolean finishedWork() {
            return true;
        }

        /** After {@code apply} threw: seeks to where the retry starts, by default the failed poll's first offsets. */
        default void rewind(KafkaConsumer<byte[], byte[]> consumer, ConsumerRecords<byte[], byte[]> records) {
            seekToFirst(consumer, firstOffsets(records));
        }

        /** Ends the work in flight before partitions are revoked or the consumer closes; never throws. */
        default void settle(KafkaConsumer<byte[], byte[]> consumer) {
        }
    }

    private final String name;
    private final Supplier<KafkaConsumer<byte[], byte[]>> open;
    private final String topic;
    private final Duration firstBackoff;
    private final Batch batch;
    private final Function<KafkaConsumer<byte[], byte[]>, AutoCloseable> instrument;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile String lastError;

    /**
     * @param name the thread's name, also used in log lines
     * @param instrument binds metrics to the opened consumer; what it answers is closed with the consumer
     */
    public KafkaBatchLoop(String name, Supplier<KafkaConsumer<byte[], byte[]>> open, String topic,
            Duration firstBackoff, Batch batch, Function<KafkaConsumer<byte[], byte[]>, AutoCloseable> instrument) {
        this.name = name;
        this.open = open;
        this.topic = topic;
        this.firstBackoff = firstBackoff;
        this.batch = batch;
        this.instrument = instrument;
    }

    public KafkaBatchLoop(String name, Supplier<KafkaConsumer<byte[], byte[]>> open, String topic,
            Duration firstBackoff, Batch batch) {
        this(name, open, topic, firstBackoff, batch, c -> () -> {
        });
    }

    public void start() {
        running = true;
        Thread t = new Thread(this::run, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops the loop, waking the consumer and waiting up to 10 s for the current batch to end. */
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the loop runs and its last poll or batch succeeded. */
    public boolean healthy() {
        Thread t = thread;
        return t != null && t.isAlive() && lastError == null;
    }

    /** Why the last batch failed, or null. */
    public String lastError() {
        return lastError;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c = open.get(); AutoCloseable metrics = instrument.apply(c)) {
            consumer = c;
            c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    batch.settle(c);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }
            });
            try {
                consume(c);
            } catch (WakeupException e) {
                // stop() woke the consumer: a normal shutdown.
            } finally {
                batch.settle(c);
            }
        } catch (Exception e) {
            lastError = String.valueOf(e.getMessage());
            Log.errorf(e, "%s: consumer stopped", name);
        } finally {
            consumer = null;
        }
    }

    private void consume(KafkaConsumer<byte[], byte[]> c) {
        Backoff backoff = new Backoff(firstBackoff);
        while (running) {
            boolean busy = batch.inFlight();
            ConsumerRecords<byte[], byte[]> records = c.poll(batch.nextPollWait(POLL));
            if (records.isEmpty() && !busy) {
                continue;
            }
            try {
                batch.apply(c, records);
                if (batch.finishedWork()) {
                    if (lastError != null) {
                        Log.infof("%s: batches succeed again", name);
                    }
                    lastError = null;
                    backoff.reset();
                }
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                Duration wait = backoff.next();
                if (lastError == null) {
                    Log.errorf(e, "%s: a batch failed (%d records in the last poll); retrying with back-off from %s",
                            name, records.count(), wait);
                }
                lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                batch.rewind(c, records);
                sleep(wait);
            }
        }
    }

    /** The offset of each partition's first record in a poll. */
    public static Map<TopicPartition, Long> firstOffsets(ConsumerRecords<byte[], byte[]> records) {
        return records.partitions().stream().collect(Collectors.toMap(p -> p, p -> records.records(p).get(0).offset()));
    }

    /** Seeks to the given offsets; partitions lost to a rebalance resume from their commit elsewhere. */
    public static void seekToFirst(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> offsets) {
        Set<TopicPartition> assigned = c.assignment();
        offsets.forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                c.seek(partition, offset);
            }
        });
    }

    private void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
