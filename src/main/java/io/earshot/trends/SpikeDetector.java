package io.earshot.trends;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import io.earshot.rules.Rule;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Raises an alert when a rule's closed hour holds more posts than its trailing baseline expects:
 * count {@code >= min-count} and count {@code > mean + threshold * max(1, deviation)}, with the
 * {@link Baseline} (EWMA) of the {@code lookback} hours before that hour, once the rule has
 * {@code min-history} hours of history. Each run examines the newest {@code recheck} closed hours;
 * an hour alerts at most once per rule. New alerts go to Kafka when it is on.
 */
@ApplicationScoped
public class SpikeDetector {

    private static final long HOUR = 3_600_000L;

    @Inject
    TrendsConfig config;

    @Inject
    Rollups rollups;

    @Inject
    AlertPublisher publisher;

    @Scheduled(identity = "earshot-spike-detector", every = "${earshot.trends.alert.every:5m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.alert().enabled()) {
            List<AlertView> raised = detect(Instant.now());
            if (!raised.isEmpty()) {
                Log.infof("Spike detector raised %d alerts", raised.size());
            }
        }
    }

    /**
     * Examines the closed hours before {@code now} for every enabled rule; answers the alerts it
     * raised (not those raised before for the same rule and hour).
     */
    public List<AlertView> detect(Instant now) {
        TrendsConfig.Alert settings = config.alert();
        int lookback = (int) Math.max(1, settings.lookback().toHours());
        int recheck = Math.max(1, settings.recheck());
        long lastClosed = Math.floorDiv(now.toEpochMilli(), HOUR) * HOUR - HOUR;
        long start = lastClosed - (long) (recheck - 1 + lookback) * HOUR;
        long[] bounds = new long[lookback + recheck + 1];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = start + i * HOUR;
        }
        List<Rule> rules = QuarkusTransaction.requiringNew().call(Rule::enabledRules);
        List<AlertView> raised = new ArrayList<>();
        for (Rule rule : rules) {
            long[] counts = rollups.read(SeriesKey.ruleSeries(rule.id), RollupGrain.HOUR, bounds);
            for (int at = lookback; at < counts.length; at++) {
                Baseline baseline = Baseline.of(counts, at - lookback, at, settings.alpha());
                long n = counts[at];
                boolean spike = baseline.hours() >= settings.minHistory() && n >= settings.minCount()
                        && n > baseline.mean() + settings.threshold() * Math.max(1.0, baseline.deviation());
                if (spike) {
                    TrendAlert alert = raise(rule.id, Instant.ofEpochMilli(bounds[at]), n, baseline, now);
                    if (alert != null) {
                        raised.add(AlertView.of(alert, rule.name));
                    }
                }
            }
        }
        raised.forEach(publisher::publish);
        return raised;
    }

    /** Stores the alert unless this rule's hour has one already; answers it, or null. */
    private static TrendAlert raise(long ruleId, Instant bucketStart, long count, Baseline baseline, Instant now) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (TrendAlert.exists(ruleId, bucketStart)) {
                    return null;
                }
                TrendAlert alert = new TrendAlert();
                alert.ruleId = ruleId;
                alert.bucketStart = bucketStart;
                alert.count = count;
                alert.baseline = baseline.mean();
                alert.score = baseline.score(count);
                alert.createdAt = now;
                alert.persist();
                return alert;
            });
        } catch (PersistenceException e) {
            // Another instance raised the same rule and hour between our check and insert.
            return null;
        }
    }
}
