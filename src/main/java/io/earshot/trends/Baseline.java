package io.earshot.trends;

/**
 * The expected hourly count of a rule and its spread: an exponentially weighted moving mean and
 * variance over the trailing hours, oldest first, so recent hours weigh most and a slow drift is
 * followed without alerting. Hours before the series' first non-zero count are not history.
 *
 * @param mean the weighted mean
 * @param deviation the weighted standard deviation
 * @param hours how many hours of history it was computed from
 */
record Baseline(double mean, double deviation, int hours) {

    /** The baseline of {@code counts} (oldest first) with weight {@code alpha} for each newer hour. */
    static Baseline of(long[] counts, int from, int to, double alpha) {
        int first = from;
        while (first < to && counts[first] == 0) {
            first++;
        }
        if (first == to) {
            return new Baseline(0, 0, 0);
        }
        double mean = counts[first];
        double variance = 0;
        for (int i = first + 1; i < to; i++) {
            double diff = counts[i] - mean;
            double increment = alpha * diff;
            mean += increment;
            variance = (1 - alpha) * (variance + diff * increment);
        }
        return new Baseline(mean, Math.sqrt(variance), to - first);
    }

    /**
     * How many deviations above the mean {@code count} lies. The deviation counts as at least 1, so a
     * perfectly flat history does not turn one extra post into an infinite score.
     */
    double score(long count) {
        return (count - mean) / Math.max(1.0, deviation);
    }
}
