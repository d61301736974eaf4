package io.earshot.ingest;

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

import io.earshot.search.SearchIndex;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Feeds the pipeline from the {@code earshot.posts} topic, when Kafka is on. Each poll is cut into
 * pipeline batches of {@code earshot.ingest.batch-size} records; the poll's offsets are committed
 * only after the pipeline has stored and indexed all of them. When a batch fails
 * (database down, index full) the consumer rewinds to the batch's first offsets and retries with
 * growing back-off, so nothing is skipped and the consumer never stops by itself.
 */
@ApplicationScoped
public class KafkaPostSource {

    /** Start-up order: last, once rules and the index are ready. */
    public static final int STARTUP_PRIORITY = SearchIndex.STARTUP_PRIORITY + 10;

    @Inject
    KafkaClients clients;

    @Inject
    KafkaConfig config;

    @Inject
    BatchFeeder feeder;

    @Inject
    MeterRegistry registry;

    private volatile KafkaBatchLoop loop;

    void start(@Observes @Priority(STARTUP_PRIORITY) StartupEvent start) {
        if (!config.enabled()) {
            Log.info("Kafka is off (earshot.kafka.bootstrap-servers not set): posts arrive over HTTP and import only");
            return;
        }
        loop = new KafkaBatchLoop("earshot-kafka-posts", clients::postsConsumer, config.postsTopic(),
                config.retryBackoff(), this::process, c -> {
                    KafkaClientMetrics metrics = new KafkaClientMetrics(c);
                    metrics.bindTo(registry);
                    return metrics;
                });
        loop.start();
        Log.infof("Consuming %s from %s as group %s", config.postsTopic(), config.bootstrapServers().orElseThrow(),
                config.groupId());
    }

    private void process(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        List<RawPost> batch = new ArrayList<>(records.count());
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            batch.add(RawPost.ofKafka(r.topic(), r.partition(), r.offset(), r.value()));
            next.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        // A poll can bring thousands of records: the feeder parses and matches the next pipeline batch
        // while the one before it is stored and indexed. A failure in any of them throws and the whole
        // poll is replayed, which finds the ones already committed stored and changes nothing.
        feeder.feed("kafka", RecordSource.of(batch));
        c.commitSync(next);
    }

    /** Whether the consumer runs and its last poll or batch succeeded. */
    public boolean healthy() {
        return !config.enabled() || (loop != null && loop.healthy());
    }

    public String lastError() {
        return loop == null ? null : loop.lastError();
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.stop();
        }
    }
}
