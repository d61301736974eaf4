package io.earshot.bench;

import java.util.Arrays;
import java.util.List;

/** Measured values: median, min, max and percentiles (nearest rank). */
public final class Samples {

    private final double[] sorted;

    public Samples(List<Double> values) {
        this(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public Samples(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    public double median() {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    /** The smallest value at or above {@code p} percent of the samples. */
    public double percentile(double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public int count() {
        return sorted.length;
    }
}
