package io.earshot.post;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads an ISO-8601 date-time with offset, as {@link OffsetDateTime#parse} does. Nearly every post
 * carries the UTC form {@code 2026-11-25T09:14:03Z} (fraction optional), which is read here digit by
 * digit; anything else (other offsets, lower-case letters, omitted seconds, errors) goes to the
 * library, so the answer and the refusal are the library's. The library's formatter was 3.6% of the
 * app's samples in an ingest recording, 5.2% while screening a brand's stream.
 */
final class IsoInstant {

    private static final int SECONDS_END = 19;

    private IsoInstant() {
    }

    static Instant parse(String text) {
        Instant utc = utcOrNull(text);
        return utc != null ? utc : OffsetDateTime.parse(text).toInstant();
    }

    private static Instant utcOrNull(String text) {
        int length = text.length();
        if (length < SECONDS_END + 1 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        if (length > SECONDS_END + 1) {
            int digits = length - SECONDS_END - 2;
            if (text.charAt(SECONDS_END) != '.' || digits < 1 || digits > 9) {
                return null;
            }
            int fraction = digits(text, SECONDS_END + 1, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(
                    LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC), nanos);
        } catch (DateTimeException e) {
            // February 30th and the like: the library says why.
            return null;
        }
    }

    /** The ASCII digits from {@code from} to {@code to} as a number; -1 if any is not one. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
