package io.earshot.trends;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.earshot.search.TrendSearcher;

/**
 * The series of one kind most counted in a period, with their counts in the period before, summed
 * from the rollup tables instead of the index: each period's whole weeks from {@code trend_week},
 * the days beside them from {@code trend_day}, its ragged ends from {@code trend_hour} and
 * {@code trend_minute} ({@link RollupSpan#cover}). The database ranks the period's sums
 * ({@link RollupTables#top}); the period before is then summed for the winners only, which halves
 * the rows read against summing both periods for every series.
 */
final class RollupTop {

    private RollupTop() {
    }

    static List<TrendSearcher.ValueCount> of(RollupTables tables, String kind, long from, long to, int limit) {
        String prefix = kind + ":";
        RollupGrain coarsest = RollupTables.coarsest(prefix);
        Map<String, Long> counts = tables.top(kind, parts(RollupSpan.cover(from, to, coarsest)), limit);
        Map<String, Long> before = tables.sums(kind, counts.keySet(),
                parts(RollupSpan.cover(from - (to - from), from, coarsest)));
        // Ties at the limit come back from the database in its collation's order: ranked again here.
        return counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue())
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(e -> new TrendSearcher.ValueCount(e.getKey().substring(prefix.length()), e.getValue(),
                        before.getOrDefault(e.getKey(), 0L)))
                .toList();
    }

    private static Map<RollupGrain, List<RollupTables.Part>> parts(List<RollupSpan> spans) {
        Map<RollupGrain, List<RollupTables.Part>> parts = new EnumMap<>(RollupGrain.class);
        for (RollupSpan span : spans) {
            parts.computeIfAbsent(span.grain(), g -> new ArrayList<>()).add(new RollupTables.Part(span.from(), span.to()));
        }
        return parts;
    }
}
