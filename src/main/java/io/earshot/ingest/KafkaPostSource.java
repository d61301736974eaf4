package io.earshot.ingest;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.earshot.search.SearchIndex;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Feeds the pipeline from the {@code earshot.posts} topic, when Kafka is on, through a
 * {@link PollPipeline}: each poll is cut into pipeline batches of {@code earshot.ingest.batch-size}
 * records, and a batch's offsets are committed only after it and every batch before it are stored and
 * indexed. When a batch fails (database down, index full) the consumer rewinds to the first offsets not
 * committed and retries with growing back-off, so nothing is skipped and the consumer never stops by itself.
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
    IngestPipeline pipeline;

    @Inject
    IngestConfig ingest;

    @Inject
    MeterRegistry registry;

    private volatile KafkaBatchLoop loop;

    void start(@Observes @Priority(STARTUP_PRIORITY) StartupEvent start) {
        if (!config.enabled()) {
            Log.info("Kafka is off (earshot.kafka.bootstrap-servers not set): posts arrive over HTTP and import only");
            return;
        }
        loop = new KafkaBatchLoop("earshot-kafka-posts", clients::postsConsumer, config.postsTopic(),
                config.retryBackoff(), new PollPipeline(ingest.batchSize(), feeder::prepare, pipeline), c -> {
                    KafkaClientMetrics metrics = new KafkaClientMetrics(c);
                    metrics.bindTo(registry);
                    return metrics;
                });
        loop.start();
        Log.infof("Consuming %s from %s as group %s", config.postsTopic(), config.bootstrapServers().orElseThrow(),
                config.groupId());
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
