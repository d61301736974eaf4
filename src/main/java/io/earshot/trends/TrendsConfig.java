package io.earshot.trends;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of trends and spike alerts, under {@code earshot.trends}. */
@ConfigMapping(prefix = "earshot.trends")
public interface TrendsConfig {

    /** {@code earshot.trends.max-buckets}: most buckets one series may ask for; more answers 400. */
    @WithDefault("5000")
    int maxBuckets();

    /** {@code earshot.trends.words-per-post}: most distinct words of one post counted as {@code term:} series. */
    @WithDefault("16")
    int wordsPerPost();

    /**
     * {@code earshot.trends.fold-interval}: how long stored messages wait before they are counted in the
     * rollups, so that the batches of that time are counted together; reads through this instance
     * count them at once.
     */
    @WithDefault("2s")
    Duration foldInterval();

    /** {@code earshot.trends.significant-sample}: newest matching posts read for significant-word candidates. */
    @WithDefault("2000")
    int significantSample();

    /** {@code earshot.trends.alert.*}: the spike detector. */
    Alert alert();

    /** The spike detector's settings, under {@code earshot.trends.alert}. */
    interface Alert {

        /** {@code earshot.trends.alert.enabled}: whether the scheduled detector runs. */
        @WithDefault("true")
        boolean enabled();

        /** {@code earshot.trends.alert.every}: how often the detector looks at the newest closed hours. */
        @WithDefault("5m")
        Duration every();

        /** {@code earshot.trends.alert.threshold}: deviations above the baseline a count must exceed (k). */
        @WithDefault("3.0")
        double threshold();

        /** {@code earshot.trends.alert.min-count}: fewest posts in an hour that can be a spike. */
        @WithDefault("10")
        long minCount();

        /** {@code earshot.trends.alert.alpha}: EWMA weight of each newer hour in the baseline (0..1). */
        @WithDefault("0.1")
        double alpha();

        /** {@code earshot.trends.alert.lookback}: trailing window the baseline is computed over. */
        @WithDefault("168h")
        Duration lookback();

        /** {@code earshot.trends.alert.min-history}: hours of history (since a rule's first match) before it can alert. */
        @WithDefault("24")
        int minHistory();

        /** {@code earshot.trends.alert.recheck}: closed hours each run examines, so a missed run is caught up. */
        @WithDefault("3")
        int recheck();

        /** {@code earshot.trends.alert.topic}: Kafka topic new alerts are published to when Kafka is on. */
        @WithDefault("earshot.alerts")
        String topic();
    }
}
