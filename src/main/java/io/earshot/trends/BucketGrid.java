package io.earshot.trends;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import io.earshot.web.ApiException;

/**
 * The buckets of a trend: from the start of the bucket holding {@code from} to the end of the
 * bucket holding the last instant before {@code to}, as epoch-millisecond bounds (bucket {@code i}
 * is {@code [bounds[i], bounds[i + 1])}).
 */
record BucketGrid(Interval interval, ZoneId zone, long[] bounds) {

    static BucketGrid of(Interval interval, Instant from, Instant to, ZoneId zone, int maxBuckets) {
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("invalid parameter", "from must be before to");
        }
        List<Long> bounds = new ArrayList<>();
        ZonedDateTime start = interval.floor(from.atZone(zone));
        bounds.add(start.toInstant().toEpochMilli());
        while (start.toInstant().isBefore(to)) {
            if (bounds.size() > maxBuckets) {
                throw ApiException.badRequest("invalid parameter", "from..to at interval " + interval.value()
                        + " is more than " + maxBuckets + " buckets; choose a wider interval or a shorter range");
            }
            start = interval.next(start);
            bounds.add(start.toInstant().toEpochMilli());
        }
        return new BucketGrid(interval, zone, bounds.stream().mapToLong(Long::longValue).toArray());
    }

    int size() {
        return bounds.length - 1;
    }

    Instant start(int bucket) {
        return Instant.ofEpochMilli(bounds[bucket]);
    }
}
