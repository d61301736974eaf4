package io.earshot.trends;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import io.earshot.web.ApiException;

/**
 * The time zone and {@code [from, to)} of a trends request, read from its parameters. {@code from}
 * and {@code to} take an instant ({@code 2026-03-29T00:00:00Z}), an offset date-time, or a local
 * date or date-time read in {@code tz}; {@code to} defaults to now and {@code from} to
 * {@code defaultSpan} before {@code to}; {@code tz} defaults to UTC.
 */
record TrendRange(Instant from, Instant to, ZoneId zone) {

    static TrendRange of(String from, String to, String tz, Duration defaultSpan, Instant now) {
        ZoneId zone = zone(tz);
        Instant end = to == null || to.isBlank() ? now : instant("to", to, zone);
        Instant start = from == null || from.isBlank() ? end.minus(defaultSpan) : instant("from", from, zone);
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("invalid parameter", "from must be before to");
        }
        return new TrendRange(start, end, zone);
    }

    static ZoneId zone(String tz) {
        if (tz == null || tz.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(tz.strip());
        } catch (DateTimeException e) {
            throw ApiException.badRequest("invalid parameter", "unknown time zone " + tz);
        }
    }

    private static Instant instant(String name, String value, ZoneId zone) {
        String v = value.strip();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(zone).toInstant();
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(v).toInstant();
            }
            return LocalDateTime.parse(v).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw ApiException.badRequest("invalid parameter", name + " must be an ISO-8601 date or time, not " + value);
        }
    }
}
