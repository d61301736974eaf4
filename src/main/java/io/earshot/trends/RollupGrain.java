package io.earshot.trends;

/**
 * The widths the rollups are kept at: UTC minutes, hours, days and weeks (from Monday), one table
 * each, finest first. A read takes each stretch of time from the coarsest table whose buckets fit
 * in it ({@link RollupSpan#cover}), so 30 days of top hashtags read 3 or 4 weeks a hashtag and the
 * days beside them, and a day in Europe/Berlin (which starts at 22:00 or 23:00 UTC) reads hours.
 * Words are kept per day only ({@link RollupTables#coarsest}).
 */
enum RollupGrain {
    MINUTE("trend_minute", 60_000L, 0), HOUR("trend_hour", 3_600_000L, 0), DAY("trend_day", 86_400_000L, 0),
    /** ISO weeks: 1970-01-05, four days after the epoch, was a Monday. */
    WEEK("trend_week", 7 * 86_400_000L, 4 * 86_400_000L);

    final String table;
    final long millis;
    /** Where the buckets are counted from: a bucket starts at {@code origin + k * millis}. */
    private final long origin;

    RollupGrain(String table, long millis, long origin) {
        this.table = table;
        this.millis = millis;
        this.origin = origin;
    }

    long floor(long epochMillis) {
        return Math.floorDiv(epochMillis - origin, millis) * millis + origin;
    }

    long ceil(long epochMillis) {
        return -Math.floorDiv(origin - epochMillis, millis) * millis + origin;
    }

    /** The next finer grain; minutes are the finest. */
    RollupGrain finer() {
        return this == MINUTE ? MINUTE : values()[ordinal() - 1];
    }
}
