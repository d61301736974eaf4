package io.earshot.trends;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.earshot.rules.RuleDirectory;
import io.earshot.search.TrendSearcher;
import io.earshot.web.ApiException;

/**
 * Answers volume over time: rule, hashtag and word series from the rollups, free queries from the
 * index, in buckets aligned to the asked time zone, with share of voice when several series are asked.
 */
@ApplicationScoped
public class TrendService {

    @Inject
    RuleDirectory directory;

    /** Most series one request may ask for. */
    public static final int MAX_SERIES = 20;

    @Inject
    Rollups rollups;

    @Inject
    TrendSearcher index;

    @Inject
    TrendsConfig config;

    /**
     * The trend of {@code series} (comma-separated keys; a {@code q:} key takes the rest of its
     * parameter, commas included) at {@code interval} over {@code [from, to)} in {@code tz}.
     */
    public TrendView volume(List<String> series, String interval, String from, String to, String tz) {
        Interval width = Interval.parse(interval);
        TrendRange range = TrendRange.of(from, to, tz, defaultSpan(width), Instant.now());
        BucketGrid grid = BucketGrid.of(width, range.from(), range.to(), range.zone(), config.maxBuckets());
        List<SeriesKey> keys = keys(series);
        Map<Long, String> ruleNames = ruleNames(keys);
        List<long[]> counts = counts(keys, grid);
        long[] totals = new long[grid.size()];
        counts.forEach(c -> {
            for (int i = 0; i < c.length; i++) {
                totals[i] += c[i];
            }
        });
        boolean share = keys.size() > 1;
        List<TrendView.Series> out = new ArrayList<>(keys.size());
        for (int s = 0; s < keys.size(); s++) {
            List<TrendView.Bucket> buckets = new ArrayList<>(grid.size());
            for (int i = 0; i < grid.size(); i++) {
                long n = counts.get(s)[i];
                Double part = !share ? null : totals[i] == 0 ? 0.0 : n / (double) totals[i];
                buckets.add(new TrendView.Bucket(grid.start(i), n, part));
            }
            out.add(new TrendView.Series(keys.get(s).key(), label(keys.get(s), ruleNames), buckets));
        }
        return new TrendView(width.value(), out);
    }

    /**
     * Counts of each series in the grid's buckets: every rolled-up series of the request read in one
     * transaction with one statement per rollup table, the others from the index.
     */
    List<long[]> counts(List<SeriesKey> keys, BucketGrid grid) {
        // A series the rollups do not hold in every bucket (a word outside whole UTC days) is counted by the index.
        List<String> rolledUp = keys.stream().filter(k -> k.kind() != SeriesKey.Kind.QUERY).map(SeriesKey::rollupSeries)
                .distinct().filter(series -> RollupTables.answers(series, grid.bounds())).toList();
        Map<String, long[]> fromRollups = rolledUp.isEmpty() ? Map.of() : rollups.read(rolledUp, grid.bounds());
        List<long[]> counts = new ArrayList<>(keys.size());
        for (SeriesKey key : keys) {
            long[] rolled = key.kind() == SeriesKey.Kind.QUERY ? null : fromRollups.get(key.rollupSeries());
            counts.add(rolled != null ? rolled
                    : key.kind() == SeriesKey.Kind.QUERY ? index.histogram(key.value(), grid.bounds())
                    : index.wordHistogram(key.value(), grid.bounds()));
        }
        return counts;
    }

    /**
     * Each live rule's posts per day over the 7 days ending today in {@code zone} (oldest first),
     * and the minute of its newest match, from the rollups.
     */
    public List<RuleStats> ruleStats(ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        BucketGrid week = BucketGrid.of(Interval.DAY, today.minusDays(6).atStartOfDay(zone).toInstant(),
                today.plusDays(1).atStartOfDay(zone).toInstant(), zone, 7);
        List<RuleDirectory.Entry> rules = directory.live();
        Map<String, long[]> days = rollups.read(rules.stream().map(r -> SeriesKey.ruleSeries(r.id())).toList(),
                week.bounds());
        List<RuleStats> stats = new ArrayList<>(rules.size());
        for (RuleDirectory.Entry rule : rules) {
            String series = SeriesKey.ruleSeries(rule.id());
            stats.add(new RuleStats(rule.id(), days.get(series), rollups.newestMinute(series)));
        }
        return stats;
    }

    /** A rule's sparkline: posts on each of the last 7 days, and the minute of its newest match. */
    public record RuleStats(long id, long[] last7days, Instant lastMatchAt) {
    }

    private static List<SeriesKey> keys(List<String> params) {
        List<SeriesKey> keys = new ArrayList<>();
        for (String param : params == null ? List.<String>of() : params) {
            String rest = param;
            while (!rest.isBlank()) {
                String stripped = rest.strip();
                int comma = stripped.indexOf(',');
                String key = stripped.startsWith("q:") || comma < 0 ? stripped : stripped.substring(0, comma);
                rest = key.length() == stripped.length() ? "" : stripped.substring(comma + 1);
                if (!key.isBlank()) {
                    keys.add(SeriesKey.parse(key.strip()));
                }
            }
        }
        if (keys.isEmpty()) {
            throw ApiException.badRequest("invalid parameter", "series is required, e.g. series=rule:3,hashtag:acme");
        }
        if (keys.size() > MAX_SERIES) {
            throw ApiException.badRequest("invalid parameter", "at most " + MAX_SERIES + " series a request");
        }
        return keys;
    }

    private Map<Long, String> ruleNames(List<SeriesKey> keys) {
        List<Long> ids = keys.stream().filter(k -> k.kind() == SeriesKey.Kind.RULE).map(k -> Long.parseLong(k.value()))
                .toList();
        Map<Long, String> names = directory.names(ids);
        for (Long id : ids) {
            if (!names.containsKey(id)) {
                throw ApiException.badRequest("invalid parameter", "unknown rule " + id);
            }
        }
        return names;
    }

    private static String label(SeriesKey key, Map<Long, String> ruleNames) {
        return switch (key.kind()) {
            case RULE -> ruleNames.get(Long.parseLong(key.value()));
            case HASHTAG -> "#" + key.value();
            case TERM, QUERY -> key.value();
        };
    }

    /** The range a trend covers when the client names no {@code from}. */
    static Duration defaultSpan(Interval interval) {
        return switch (interval) {
            case MINUTE -> Duration.ofHours(1);
            case HOUR -> Duration.ofDays(7);
            case DAY -> Duration.ofDays(30);
            case WEEK -> Duration.ofDays(26 * 7);
        };
    }
}
