package io.earshot.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import io.earshot.search.SearchIndex;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Feeds the pipeline from the {@code earshot.posts} topic, when Kafka is on. Each poll is one batch;
 * its offsets are committed only after the pipeline has stored and indexed it. When a batch fails
 * (database down, index full) the consumer rewinds to the batch's first offsets and retries with
 * growing back-off, so nothing is skipped and the consumer never stops by itself.
 */
@ApplicationScoped
public class KafkaPostSource {

    /** Start-up order: last, once rules and the index are ready. */
    public static final int STARTUP_PRIORITY = SearchIndex.STARTUP_PRIORITY + 10;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    @Inject
    KafkaClients clients;

    @Inject
    KafkaConfig config;

    @Inject
    IngestPipeline pipeline;

    @Inject
    MeterRegistry registry;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile String lastError;

    void start(@Observes @Priority(STARTUP_PRIORITY) StartupEvent start) {
        if (!config.enabled()) {
            Log.info("Kafka is off (earshot.kafka.bootstrap-servers not set): posts arrive over HTTP and import only");
            return;
        }
        running = true;
        thread = new Thread(this::run, "earshot-kafka-posts");
        thread.start();
        Log.infof("Consuming %s from %s as group %s", config.postsTopic(), config.bootstrapServers().orElseThrow(),
                config.groupId());
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c = clients.postsConsumer();
                KafkaClientMetrics metrics = new KafkaClientMetrics(c)) {
            consumer = c;
            metrics.bindTo(registry);
            c.subscribe(List.of(config.postsTopic()));
            Duration backoff = config.retryBackoff();
            while (running) {
                ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    process(c, records);
                    lastError = null;
                    backoff = config.retryBackoff();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    Log.errorf(e, "Batch of %d posts from Kafka failed; retrying in %s", records.count(), backoff);
                    rewind(c, records);
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer: a normal shutdown.
        } catch (RuntimeException e) {
            lastError = String.valueOf(e.getMessage());
            Log.errorf(e, "Kafka consumer stopped");
        } finally {
            consumer = null;
        }
    }

    private void process(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        List<RawPost> batch = new ArrayList<>(records.count());
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            batch.add(RawPost.ofKafka(r.topic(), r.partition(), r.offset(), r.value()));
            next.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        pipeline.ingest("kafka", batch);
        c.commitSync(next);
    }

    /** Seeks back to the batch's first offsets; partitions lost to a rebalance resume from their commit elsewhere. */
    private static void rewind(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            if (c.assignment().contains(partition)) {
                c.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }

    private void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Whether the consumer runs and its last poll or batch succeeded. */
    public boolean healthy() {
        return !config.enabled() || (thread != null && thread.isAlive() && lastError == null);
    }

    public String lastError() {
        return lastError;
    }

    @PreDestroy
    void stop() {
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
}
