package io.earshot.ingest;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.earshot.conversation.Message;
import io.earshot.post.PostKey;

/**
 * The pipeline's counters, per source ({@code http}, {@code import}, {@code kafka}), exposed at
 * {@code /q/metrics} as {@code earshot_posts_<outcome>_total{source=...}}, and how long stored posts
 * took from their source to search ({@code earshot_ingest_freshness_seconds}).
 */
@ApplicationScoped
public class IngestMetrics {

    /**
     * The freshness histogram's bucket bounds: fixed ones, so that the share of posts searchable
     * within the 500 ms target is read exactly from one bucket and can be alerted on.
     */
    private static final Duration[] FRESHNESS_BUCKETS = LongStream.of(25, 50, 100, 150, 200, 250, 300, 400, 500,
            750, 1_000, 1_500, 2_000, 3_000, 5_000, 10_000, 30_000, 60_000).mapToObj(Duration::ofMillis)
            .toArray(Duration[]::new);

    @Inject
    MeterRegistry registry;

    void record(String source, BatchResult result, int deadLettered, long nanos) {
        count("received", source, result.accepted() + result.rejected());
        count("accepted", source, result.accepted());
        count("rejected", source, result.rejected());
        count("matched", source, result.matched());
        count("stored", source, result.stored());
        count("dropped", source, result.dropped());
        count("held", source, result.held());
        count("duplicate", source, result.duplicates());
        count("dead_lettered", source, deadLettered);
        Timer.builder("earshot.ingest.batch").tag("source", source).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Time of one pipeline stage ({@code prepare}, {@code store}, {@code index}) for one batch. */
    void stage(String stage, long nanos) {
        Timer.builder("earshot.ingest.stage").tag("stage", stage).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Times each stored post of a batch from when its source received it ({@code producedAt}, by
     * key) until {@code searchableAt}, when the batch's documents became searchable. Posts a source
     * gave no time for, and held replies released by the batch, are not timed; a time ahead of ours
     * (a producer's clock running fast) counts as 0.
     */
    void freshness(String source, Map<PostKey, Long> producedAt, Collection<Message> stored, long searchableAt) {
        if (producedAt.isEmpty() || stored.isEmpty()) {
            return;
        }
        Timer timer = Timer.builder("earshot.ingest.freshness").tag("source", source)
                .description("From a post's record at its source until it was searchable")
                .serviceLevelObjectives(FRESHNESS_BUCKETS).register(registry);
        for (Message m : stored) {
            Long produced = producedAt.get(new PostKey(m.platform, m.externalId));
            if (produced != null) {
                timer.record(Math.max(0, searchableAt - produced), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void count(String outcome, String source, long amount) {
        Counter.builder("earshot.posts." + outcome).tag("source", source).register(registry).increment(amount);
    }
}
