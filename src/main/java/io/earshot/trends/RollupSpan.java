package io.earshot.trends;

import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of time read from one rollup table: the rows whose bucket starts in {@code [from, to)}
 * (epoch milliseconds, on the grain's boundaries whenever the asked bounds are on whole minutes).
 */
record RollupSpan(RollupGrain grain, long from, long to) {

    /**
     * The spans adding up to exactly {@code [from, to)} in the fewest rows, none coarser than
     * {@code coarsest}: whole weeks in the middle, whole UTC days beside them, then hours, minutes
     * at the ragged ends; in time order. A Berlin week is 6 days and 24 hours instead of 168
     * hours, an Asia/Kolkata day 23 hours and 60 minutes instead of 1,440 minutes. Bounds that are
     * not on a minute (zones with second offsets, long ago) are cut in minutes, each row counted
     * where its minute starts.
     */
    static List<RollupSpan> cover(long from, long to, RollupGrain coarsest) {
        List<RollupSpan> spans = new ArrayList<>();
        cover(coarsest, from, to, spans);
        return spans;
    }

    /**
     * The spans adding up to each bucket {@code [bounds[i], bounds[i + 1])}, none coarser than
     * {@code coarsest}, touching spans of one grain joined: 30 UTC days are one span of days, 720
     * hours one span of hours.
     */
    static List<RollupSpan> cover(long[] bounds, RollupGrain coarsest) {
        List<RollupSpan> spans = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.length; i++) {
            for (RollupSpan span : cover(bounds[i], bounds[i + 1], coarsest)) {
                RollupSpan last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
                if (last != null && last.grain == span.grain && last.to == span.from) {
                    spans.set(spans.size() - 1, new RollupSpan(span.grain, last.from, span.to));
                } else {
                    spans.add(span);
                }
            }
        }
        return spans;
    }

    private static void cover(RollupGrain grain, long from, long to, List<RollupSpan> spans) {
        if (from >= to) {
            return;
        }
        if (grain == RollupGrain.MINUTE) {
            spans.add(new RollupSpan(grain, from, to));
            return;
        }
        long start = grain.ceil(from);
        long end = grain.floor(to);
        if (start >= end) {
            cover(grain.finer(), from, to, spans);
            return;
        }
        cover(grain.finer(), from, start, spans);
        spans.add(new RollupSpan(grain, start, end));
        cover(grain.finer(), end, to, spans);
    }
}
