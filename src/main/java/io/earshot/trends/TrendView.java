package io.earshot.trends;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A trend as {@code GET /api/trends} answers it: one series a key, every bucket present (empty ones
 * as zero), starts in UTC; {@code share} only when several series were asked.
 */
public record TrendView(String interval, List<Series> series) {

    /** One series' buckets. */
    public record Series(String key, String label, List<Bucket> buckets) {
    }

    /** One bucket; {@code share} is this series' part of all asked series' counts in the bucket. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bucket(Instant start, long count, Double share) {
    }
}
