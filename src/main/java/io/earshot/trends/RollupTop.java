package io.earshot.trends;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.earshot.search.TrendSearcher;

/**
 * The series of one kind most counted in a period, with their counts in the period before, summed
 * from the rollup tables instead of the index: each period's whole UTC days from {@code trend_day},
 * its ragged ends from {@code trend_hour} and {@code trend_minute} ({@link RollupSpan#cover}).
 *
 * <p>Only the day table is read for the whole kind. A finer table is asked only about the series
 * the coarser one holds in the days (or hours) the ragged ends fall in, as a list of names: a
 * series with a post in those minutes has a row in that day and that hour. Scanning every
 * hashtag's minute rows instead would read months of rows to answer an edge of minutes.
 */
final class RollupTop {

    private static final int CURRENT = 0;
    private static final int PREVIOUS = 1;
    /** Rows in a coarser bucket holding a finer span: which series the finer table is asked about. */
    private static final int PROBE = 2;

    private RollupTop() {
    }

    static List<TrendSearcher.ValueCount> of(RollupTables tables, String kind, long from, long to, int limit) {
        List<RollupSpan> current = RollupSpan.cover(from, to);
        List<RollupSpan> previous = RollupSpan.cover(from - (to - from), from);
        List<RollupSpan> spans = new ArrayList<>(current);
        spans.addAll(previous);
        String prefix = kind + ":";
        Map<String, long[]> totals = new HashMap<>();
        RollupTables.SeriesFilter filter = RollupTables.SeriesFilter.ofKind(kind);
        for (RollupGrain grain : new RollupGrain[] { RollupGrain.DAY, RollupGrain.HOUR, RollupGrain.MINUTE }) {
            List<RollupTables.Part> read = new ArrayList<>(parts(current, grain, CURRENT));
            read.addAll(parts(previous, grain, PREVIOUS));
            read.addAll(probes(grain, spans));
            if (read.isEmpty()) {
                continue;
            }
            List<String> next = new ArrayList<>();
            tables.sums(grain, filter, read, 3).forEach((series, sum) -> {
                if (!series.startsWith(prefix)) {
                    return;
                }
                long[] total = totals.computeIfAbsent(series, s -> new long[2]);
                total[CURRENT] += sum[CURRENT];
                total[PREVIOUS] += sum[PREVIOUS];
                if (sum[PROBE] > 0) {
                    next.add(series);
                }
            });
            if (next.isEmpty()) {
                break;
            }
            filter = RollupTables.SeriesFilter.named(next);
        }
        return totals.entrySet().stream().filter(e -> e.getValue()[CURRENT] > 0)
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[CURRENT])
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(e -> new TrendSearcher.ValueCount(e.getKey().substring(prefix.length()), e.getValue()[CURRENT],
                        e.getValue()[PREVIOUS]))
                .toList();
    }

    private static List<RollupTables.Part> parts(List<RollupSpan> spans, RollupGrain grain, int slot) {
        return spans.stream().filter(s -> s.grain() == grain).map(s -> new RollupTables.Part(s.from(), s.to(), slot))
                .toList();
    }

    /**
     * The buckets of {@code grain} that the finer spans lie in (no period holds them whole, so they
     * are read for no period), joined where they touch.
     */
    private static List<RollupTables.Part> probes(RollupGrain grain, List<RollupSpan> spans) {
        List<RollupTables.Part> probes = new ArrayList<>();
        spans.stream().filter(s -> s.grain().ordinal() < grain.ordinal())
                .map(s -> new long[] { grain.floor(s.from()), grain.ceil(s.to()) })
                .sorted(Comparator.comparingLong(b -> b[0])).forEach(b -> {
                    RollupTables.Part last = probes.isEmpty() ? null : probes.get(probes.size() - 1);
                    if (last != null && b[0] <= last.to()) {
                        probes.set(probes.size() - 1, new RollupTables.Part(last.from(), Math.max(last.to(), b[1]), PROBE));
                    } else {
                        probes.add(new RollupTables.Part(b[0], b[1], PROBE));
                    }
                });
        return probes;
    }
}
