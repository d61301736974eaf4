package io.earshot.trends;

/**
 * The widths the rollups are kept at: UTC minutes, hours and days, one table each, finest first.
 * A read takes each stretch of time from the coarsest table whose buckets fit in it
 * ({@link RollupSpan#cover}), so a year of days in UTC reads 365 rows a series, and a day in
 * Europe/Berlin (which starts at 22:00 or 23:00 UTC) reads hours.
 */
enum RollupGrain {
    MINUTE("trend_minute", 60_000L), HOUR("trend_hour", 3_600_000L), DAY("trend_day", 86_400_000L);

    final String table;
    final long millis;

    RollupGrain(String table, long millis) {
        this.table = table;
        this.millis = millis;
    }

    long floor(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
    }

    long ceil(long epochMillis) {
        return -Math.floorDiv(-epochMillis, millis) * millis;
    }

    /** The next finer grain; minutes are the finest. */
    RollupGrain finer() {
        return this == MINUTE ? MINUTE : values()[ordinal() - 1];
    }
}
