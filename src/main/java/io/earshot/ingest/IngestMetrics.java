package io.earshot.ingest;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The pipeline's counters, per source ({@code http}, {@code import}, {@code kafka}), exposed at
 * {@code /q/metrics} as {@code earshot_posts_<outcome>_total{source=...}}.
 */
@ApplicationScoped
public class IngestMetrics {

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

    private void count(String outcome, String source, long amount) {
        Counter.builder("earshot.posts." + outcome).tag("source", source).register(registry).increment(amount);
    }
}
