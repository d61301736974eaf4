package io.earshot.rules;

import java.time.Instant;
import java.util.StringJoiner;

/**
 * One rule's row on the workbench: the rule, its posts on each of the last 7 days (oldest first)
 * and the time of its newest match, with what the last change made in the row said.
 */
public record RuleRow(Rule rule, long[] last7days, Instant lastMatchAt, String error, String notice) {

    static final int SPARK_WIDTH = 84;
    static final int SPARK_HEIGHT = 20;

    /** The days' counts as the {@code points} of an SVG polyline {@value #SPARK_WIDTH}×{@value #SPARK_HEIGHT}. */
    public String sparkPoints() {
        return points(last7days, SPARK_WIDTH, SPARK_HEIGHT);
    }

    public long weekTotal() {
        long total = 0;
        for (long n : last7days) {
            total += n;
        }
        return total;
    }

    /** Counts as polyline points spread over {@code width}, the largest reaching the top. */
    static String points(long[] counts, int width, int height) {
        long max = 1;
        for (long n : counts) {
            max = Math.max(max, n);
        }
        StringJoiner points = new StringJoiner(" ");
        int steps = Math.max(1, counts.length - 1);
        for (int i = 0; i < counts.length; i++) {
            double x = (double) width * i / steps;
            double y = height - 1 - (height - 2) * (double) counts[i] / max;
            points.add(String.format(java.util.Locale.ROOT, "%.1f,%.1f", x, y));
        }
        return points.toString();
    }
}
