package io.earshot.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's own freshness histogram of the Kafka source ({@code earshot_ingest_freshness_seconds}):
 * every stored post, timed from its record's timestamp until its batch was searchable. Read at two
 * moments, the difference is what a window's posts took; unlike the probes (one every few seconds),
 * it holds every post, so its p99 is the 99th percentile of some hundred thousand posts.
 *
 * @param cumulative posts at or under each bucket's bound (ms), as Prometheus counts them
 * @param count every post timed, including those over the highest bound
 * @param sumMs their times added up
 */
public record FreshnessHistogram(TreeMap<Double, Double> cumulative, double count, double sumMs) {

    private static final String NAME = "earshot_ingest_freshness_seconds";
    private static final String SOURCE = "source=\"kafka\"";
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    /** The Kafka source's histogram in the Prometheus text of {@code /q/metrics}; empty if not there yet. */
    public static FreshnessHistogram parse(String metrics) {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        for (PrometheusText.Sample bucket : PrometheusText.samples(metrics, NAME + "_bucket")) {
            Matcher le = LE.matcher(bucket.labels());
            if (bucket.labels().contains(SOURCE) && le.find() && !le.group(1).equals("+Inf")) {
                cumulative.put(Double.parseDouble(le.group(1)) * 1000, bucket.value());
            }
        }
        return new FreshnessHistogram(cumulative, PrometheusText.sum(metrics, NAME + "_count", SOURCE),
                PrometheusText.sum(metrics, NAME + "_sum", SOURCE) * 1000);
    }

    /** What was timed since {@code earlier}. */
    public FreshnessHistogram since(FreshnessHistogram earlier) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            delta.put(e.getKey(), e.getValue() - earlier.cumulative.getOrDefault(e.getKey(), 0.0));
        }
        return new FreshnessHistogram(delta, count - earlier.count, sumMs - earlier.sumMs);
    }

    /** Posts at or under {@code boundMs}, which must be one of the bucket bounds. */
    public double countWithin(double boundMs) {
        Double within = cumulative.get(boundMs);
        if (within == null) {
            throw new IllegalArgumentException("no bucket ends at " + boundMs + " ms: " + cumulative.keySet());
        }
        return within;
    }

    /** The share of posts at or under {@code boundMs}, one of the bucket bounds; NaN if none were timed. */
    public double shareWithin(double boundMs) {
        double within = countWithin(boundMs);
        return count == 0 ? Double.NaN : within / count;
    }

    /**
     * The {@code p}th percentile in ms, linearly interpolated inside the bucket it falls in (so
     * between two bounds, never more exact than them); infinite when it lies above the highest bound.
     */
    public double percentile(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        double rank = count * p / 100;
        double lowerBound = 0;
        double below = 0;
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= rank) {
                double inBucket = e.getValue() - below;
                return inBucket == 0 ? e.getKey() : lowerBound + (e.getKey() - lowerBound) * (rank - below) / inBucket;
            }
            lowerBound = e.getKey();
            below = e.getValue();
        }
        return Double.POSITIVE_INFINITY;
    }
}
