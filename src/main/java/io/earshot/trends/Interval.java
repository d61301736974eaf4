package io.earshot.trends;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

import io.earshot.web.ApiException;

/**
 * The width of a trend bucket, in the wall-clock time of the asked zone: a day bucket runs from local
 * midnight to local midnight (23 or 25 hours across a daylight-saving change), a week from Monday.
 */
public enum Interval {
    MINUTE, HOUR, DAY, WEEK;

    /** Parses {@code minute|hour|day|week}; answers 400 for anything else. */
    public static Interval parse(String value) {
        if (value == null || value.isBlank()) {
            return HOUR;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid parameter", "interval must be minute, hour, day or week, not " + value);
        }
    }

    /** The start of the bucket holding {@code time}. */
    ZonedDateTime floor(ZonedDateTime time) {
        return switch (this) {
            case MINUTE -> time.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> time.truncatedTo(ChronoUnit.HOURS);
            case DAY -> time.toLocalDate().atStartOfDay(time.getZone());
            case WEEK -> time.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(time.getZone());
        };
    }

    /** The start of the bucket after the one starting at {@code start}. */
    ZonedDateTime next(ZonedDateTime start) {
        return switch (this) {
            // Minutes and hours step in elapsed time, so a repeated wall-clock hour is its own bucket.
            case MINUTE -> start.plusMinutes(1);
            case HOUR -> start.plusHours(1);
            case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(start.getZone());
            case WEEK -> start.toLocalDate().plusWeeks(1).atStartOfDay(start.getZone());
        };
    }

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
