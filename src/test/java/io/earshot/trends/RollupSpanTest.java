package io.earshot.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which rollup rows add up to a stretch of time. */
class RollupSpanTest {

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static RollupSpan span(RollupGrain grain, String from, String to) {
        return new RollupSpan(grain, at(from), at(to));
    }

    private static void assertCover(String from, String to, RollupSpan... spans) {
        assertEquals(List.of(spans), RollupSpan.cover(at(from), at(to), RollupGrain.WEEK), from + " to " + to);
    }

    @Test
    void partialDaysAreCutIntoTheCoarsestWholeBuckets() {
        // A Europe/Berlin week: six UTC days between hours.
        assertCover("2026-10-18T22:00:00Z", "2026-10-25T23:00:00Z",
                span(RollupGrain.HOUR, "2026-10-18T22:00:00Z", "2026-10-19T00:00:00Z"),
                span(RollupGrain.DAY, "2026-10-19T00:00:00Z", "2026-10-25T00:00:00Z"),
                span(RollupGrain.HOUR, "2026-10-25T00:00:00Z", "2026-10-25T23:00:00Z"));
        // An Asia/Kolkata day: no whole UTC day inside, so hours between minutes.
        assertCover("2026-10-21T18:30:00Z", "2026-10-22T18:30:00Z",
                span(RollupGrain.MINUTE, "2026-10-21T18:30:00Z", "2026-10-21T19:00:00Z"),
                span(RollupGrain.HOUR, "2026-10-21T19:00:00Z", "2026-10-22T18:00:00Z"),
                span(RollupGrain.MINUTE, "2026-10-22T18:00:00Z", "2026-10-22T18:30:00Z"));
    }

    @Test
    void bucketsOnWholeDaysAreOneSpanAndMinutesInsideAnHourStayMinutes() {
        assertEquals(List.of(span(RollupGrain.DAY, "2026-10-01T00:00:00Z", "2026-10-04T00:00:00Z")), RollupSpan.cover(
                new long[] { at("2026-10-01T00:00:00Z"), at("2026-10-02T00:00:00Z"), at("2026-10-03T00:00:00Z"),
                        at("2026-10-04T00:00:00Z") }, RollupGrain.WEEK));
        assertCover("2026-10-01T10:05:00Z", "2026-10-01T10:50:00Z",
                span(RollupGrain.MINUTE, "2026-10-01T10:05:00Z", "2026-10-01T10:50:00Z"));
    }

    @Test
    void wholeWeeksFromMondayAreReadAsWeeksWithTheDaysBesideThem() {
        // 2026-10-02 is a Friday, 2026-10-05 and 2026-10-26 Mondays.
        assertCover("2026-10-02T00:00:00Z", "2026-11-01T00:00:00Z",
                span(RollupGrain.DAY, "2026-10-02T00:00:00Z", "2026-10-05T00:00:00Z"),
                span(RollupGrain.WEEK, "2026-10-05T00:00:00Z", "2026-10-26T00:00:00Z"),
                span(RollupGrain.DAY, "2026-10-26T00:00:00Z", "2026-11-01T00:00:00Z"));
    }

    @Test
    void wordsKeptPerDayAreNeverAskedForWeeks() {
        assertEquals(List.of(span(RollupGrain.DAY, "2026-10-02T00:00:00Z", "2026-11-01T00:00:00Z")),
                RollupSpan.cover(at("2026-10-02T00:00:00Z"), at("2026-11-01T00:00:00Z"),
                        RollupTables.coarsest("term:refund")));
        assertEquals(RollupGrain.WEEK, RollupTables.coarsest("hashtag:refund"));
    }

    @Test
    void weeksStartOnMondayAtMidnightUtc() {
        assertEquals(at("2026-10-26T00:00:00Z"), RollupGrain.WEEK.floor(at("2026-11-01T23:59:59Z")));
        assertEquals(at("2026-10-26T00:00:00Z"), RollupGrain.WEEK.floor(at("2026-10-26T00:00:00Z")));
        assertEquals(at("2026-11-02T00:00:00Z"), RollupGrain.WEEK.ceil(at("2026-10-26T00:00:01Z")));
        assertEquals(at("1969-12-29T00:00:00Z"), RollupGrain.WEEK.floor(at("1970-01-01T00:00:00Z")));
    }
}
