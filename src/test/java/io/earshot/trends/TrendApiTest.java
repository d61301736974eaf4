package io.earshot.trends;

import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.rule;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.earshot.search.TrendSearcher;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Volume series against a corpus of known shape: {@code 1 + h % 5} posts in the h-th UTC hour from
 * {@link #START}, across the end of summer time in Europe/Berlin (2026-10-25, a 25-hour day).
 */
@QuarkusTest
public class TrendApiTest {

    static final Instant START = Instant.parse("2026-10-22T00:00:00Z");
    static final int HOURS = 24 * 7;
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Inject
    TrendSearcher searcher;

    @Inject
    Rollups rollups;

    static int expected(int hour) {
        return 1 + hour % 5;
    }

    /** Ingests the corpus for {@code word}: every post says the word, every other one tags #word. */
    static void corpus(String word) {
        List<String> lines = new ArrayList<>();
        for (int h = 0; h < HOURS; h++) {
            for (int i = 0; i < expected(h); i++) {
                Instant at = START.plus(Duration.ofHours(h)).plus(Duration.ofMinutes(i * 7L + 3));
                lines.add(Corpus.post(word + (i % 2 == 0 ? " #tag" + word : "") + " arrived broken", at));
            }
        }
        Corpus.ingest(lines);
    }

    private static JsonPath trend(String series, String interval, String from, String to, String tz) {
        return admin().queryParam("series", series).queryParam("interval", interval).queryParam("from", from)
                .queryParam("to", to).queryParam("tz", tz).get("/api/trends").then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void hourlyBucketsCountEveryHourExactlyAcrossTheDaylightSavingChange() {
        String word = Corpus.word();
        long ruleId = rule("dst " + word, word);
        corpus(word);
        JsonPath trend = trend("rule:" + ruleId, "hour", START.toString(), START.plus(Duration.ofHours(HOURS)).toString(),
                "Europe/Berlin");
        assertEquals("hour", trend.getString("interval"));
        assertEquals("dst " + word, trend.getString("series[0].label"));
        List<Map<String, Object>> buckets = trend.getList("series[0].buckets");
        assertEquals(HOURS, buckets.size());
        for (int h = 0; h < HOURS; h++) {
            assertEquals(START.plus(Duration.ofHours(h)).toString(), buckets.get(h).get("start"), "start of hour " + h);
            assertEquals(expected(h), buckets.get(h).get("count"), "count of hour " + h);
        }
    }

    @Test
    void dayBucketsFollowBerlinMidnightsSoTheChangeDayHasTwentyFiveHours() {
        String word = Corpus.word();
        long ruleId = rule("days " + word, word);
        corpus(word);
        Map<LocalDate, Integer> perDay = new LinkedHashMap<>();
        for (int h = 0; h < HOURS; h++) {
            perDay.merge(START.plus(Duration.ofHours(h)).atZone(BERLIN).toLocalDate(), expected(h), Integer::sum);
        }
        JsonPath trend = trend("rule:" + ruleId + ",hashtag:tag" + word, "day", "2026-10-22", "2026-10-29",
                "Europe/Berlin");
        List<Map<String, Object>> buckets = trend.getList("series[0].buckets");
        assertEquals(7, buckets.size());
        int i = 0;
        for (Map.Entry<LocalDate, Integer> day : perDay.entrySet()) {
            if (day.getKey().isAfter(LocalDate.parse("2026-10-28"))) {
                // The corpus's last hour (00:00 UTC on the 29th) is 01:00 on the 29th in Berlin: outside the range.
                continue;
            }
            assertEquals(day.getKey().atStartOfDay(BERLIN).toInstant().toString(), buckets.get(i).get("start"));
            assertEquals(day.getValue(), buckets.get(i).get("count"), "count of " + day.getKey());
            i++;
        }
        assertEquals(Duration.ofHours(25), Duration.between(Instant.parse((String) buckets.get(3).get("start")),
                Instant.parse((String) buckets.get(4).get("start"))), "2026-10-25 lasts 25 hours in Berlin");
        // Share of voice: the two series' shares make the whole of every non-empty bucket.
        for (int b = 0; b < 7; b++) {
            float a = trend.getFloat("series[0].buckets[" + b + "].share");
            float t = trend.getFloat("series[1].buckets[" + b + "].share");
            assertEquals(1.0, a + t, 1e-6);
            long rule = trend.getLong("series[0].buckets[" + b + "].count");
            long tag = trend.getLong("series[1].buckets[" + b + "].count");
            assertEquals(rule / (double) (rule + tag), a, 1e-6);
        }
    }

    @Test
    void weekBucketsStartOnBerlinMondays() {
        String word = Corpus.word();
        long ruleId = rule("weeks " + word, word);
        corpus(word);
        int first = 0;
        int second = 0;
        Instant secondWeek = LocalDate.parse("2026-10-26").atStartOfDay(BERLIN).toInstant();
        for (int h = 0; h < HOURS; h++) {
            if (START.plus(Duration.ofHours(h)).isBefore(secondWeek)) {
                first += expected(h);
            } else {
                second += expected(h);
            }
        }
        JsonPath trend = trend("rule:" + ruleId, "week", "2026-10-20", "2026-11-01", "Europe/Berlin");
        assertEquals(List.of("2026-10-18T22:00:00Z", "2026-10-25T23:00:00Z"), trend.getList("series[0].buckets.start"));
        assertEquals(List.of(first, second), trend.getList("series[0].buckets.count"));
    }

    @Test
    void queryAndWordSeriesEqualTheRollupSeriesOfARuleWithTheSameWord() {
        String word = Corpus.word();
        long ruleId = rule("same " + word, word);
        corpus(word);
        for (String interval : List.of("hour", "day")) {
            JsonPath trend = trend("rule:" + ruleId + ",q:" + word, interval, START.toString(),
                    START.plus(Duration.ofHours(HOURS)).toString(), "Asia/Kolkata");
            assertEquals(trend.getList("series[0].buckets"), trend.getList("series[1].buckets"), interval);
        }
        JsonPath utcDays = trend("rule:" + ruleId + ",term:" + word, "day", START.toString(),
                START.plus(Duration.ofHours(HOURS)).toString(), "UTC");
        assertEquals(utcDays.getList("series[0].buckets.count"), utcDays.getList("series[1].buckets.count"),
                "the word's daily rollup");
        // UTC weeks: the rule's from trend_week, the word's from its days, the query's from the index.
        JsonPath utcWeeks = trend("rule:" + ruleId + ",term:" + word + ",q:" + word, "week", "2026-10-19",
                "2026-11-02", "UTC");
        assertEquals(List.of("2026-10-19T00:00:00Z", "2026-10-26T00:00:00Z"), utcWeeks.getList("series[0].buckets.start"));
        assertEquals(utcWeeks.getList("series[2].buckets.count"), utcWeeks.getList("series[0].buckets.count"));
        assertEquals(utcWeeks.getList("series[2].buckets.count"), utcWeeks.getList("series[1].buckets.count"));
        int total = 0;
        for (int h = 0; h < HOURS; h++) {
            total += expected(h);
        }
        assertEquals(total, utcWeeks.getList("series[0].buckets.count", Integer.class).stream()
                .mapToInt(Integer::intValue).sum());
        JsonPath minutes = trend("rule:" + ruleId + ",term:" + word, "minute", START.toString(),
                START.plus(Duration.ofHours(2)).toString(), "UTC");
        assertEquals(minutes.getList("series[0].buckets.count"), minutes.getList("series[1].buckets.count"));
        assertEquals(expected(0) + expected(1), minutes.getList("series[0].buckets.count", Integer.class).stream()
                .mapToInt(Integer::intValue).sum());
    }

    @Test
    void csvHasOneColumnPerSeries() {
        String word = Corpus.word();
        long ruleId = rule("csv " + word, word);
        corpus(word);
        String csv = admin().queryParam("series", "rule:" + ruleId + ",term:" + word).queryParam("interval", "hour")
                .queryParam("from", START.toString()).queryParam("to", START.plus(Duration.ofHours(2)).toString())
                .get("/api/trends.csv").then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertEquals("start,rule:" + ruleId + ",term:" + word + "\r\n"
                + "2026-10-22T00:00:00Z,1,1\r\n2026-10-22T01:00:00Z,2,2\r\n", csv);
    }

    @Test
    void invalidParametersAnswer400WithTheReason() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("series=rule:1&interval=fortnight", "interval must be");
        bad.put("series=rule:1&from=2026-02-01&to=2026-01-01", "from must be before to");
        bad.put("series=hashtag:a&interval=minute&from=2025-01-01&to=2026-01-01", "more than 5000 buckets");
        bad.put("series=hashtag:a&tz=Mars/Olympus", "unknown time zone");
        bad.put("series=rule:987654321", "unknown rule 987654321");
        bad.put("series=colour:red", "series must be");
        bad.put("series=term:the", "stop word");
        bad.put("interval=hour", "series is required");
        bad.put("series=hashtag:a&from=yesterday", "ISO-8601");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            admin().get("/api/trends?" + e.getKey()).then().statusCode(400)
                    .body("error", equalTo("invalid parameter")).body("detail", containsString(e.getValue()));
        }
        admin().queryParam("series", "q:(unclosed").get("/api/trends").then().statusCode(400)
                .body("error", equalTo("invalid query"));
        admin().queryParam("field", "colour").get("/api/trends/top").then().statusCode(400)
                .body("detail", containsString("field must be"));
    }

    @Test
    void topHashtagsCompareWithThePreviousPeriod() {
        String word = Corpus.word();
        Instant day = Instant.parse("2026-05-10T00:00:00Z");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(Corpus.post(word + " #up" + word, day.plus(Duration.ofHours(i + 1))));
        }
        lines.add(Corpus.post(word + " #new" + word, day.plus(Duration.ofHours(5))));
        lines.add(Corpus.post(word + " #up" + word, day.minus(Duration.ofHours(3))));
        lines.add(Corpus.post(word + " #gone" + word, day.minus(Duration.ofHours(4))));
        rule("top " + word, word);
        Corpus.ingest(lines);
        JsonPath top = admin().queryParam("field", "hashtag").queryParam("q", word).queryParam("from", day.toString())
                .queryParam("to", day.plus(Duration.ofDays(1)).toString()).get("/api/trends/top").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("up" + word, "new" + word), top.getList("items.value"));
        assertEquals(List.of(3, 1), top.getList("items.count"));
        assertEquals(List.of(1, 0), top.getList("items.previous"));
        assertEquals(2.0f, top.getFloat("items[0].change"));
        assertNull(top.get("items[1].change"));
    }

    @Test
    void topHashtagsOfAllPostsFromTheRollupsEqualTheIndexsAnswer() {
        String word = Corpus.word();
        // A Wednesday: the corpus's 24 days hold whole ISO weeks and the days on either side of them.
        Instant start = Instant.parse("2025-02-05T00:00:00Z");
        List<String> tags = new ArrayList<>();
        for (char c = 'a'; c <= 'l'; c++) {
            tags.add(word + c);
        }
        Random random = new Random(42);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Instant at = start.plusSeconds(random.nextInt(24 * 86_400));
            // Skewed choice, so the ranking has a head and ties; case varies, a repeat counts once.
            String tag = tags.get(Math.min(random.nextInt(tags.size()), random.nextInt(tags.size())));
            String other = tags.get(random.nextInt(tags.size()));
            String text = word + " #" + (i % 3 == 0 ? tag.toUpperCase() : tag) + " #" + other + (i % 7 == 0 ? " #" + tag : "");
            lines.add(Corpus.post(text, at));
        }
        rule("rolled " + word, word);
        Corpus.ingest(lines);
        Duration day = Duration.ofDays(1);
        List<Instant[]> ranges = List.of(
                new Instant[] { start.plus(day), start.plus(day.multipliedBy(3)) },
                new Instant[] { start.plus(day.multipliedBy(5)), start.plus(day.multipliedBy(19)) },
                new Instant[] { start.plus(day), start.plus(day.multipliedBy(17)) },
                new Instant[] { start.plus(Duration.ofMinutes(5 * 1440 + 337)), start.plus(Duration.ofMinutes(20 * 1440 + 131)) },
                new Instant[] { start.plus(Duration.ofHours(29)), start.plus(Duration.ofHours(65)) },
                new Instant[] { start.plus(Duration.ofMinutes(2 * 1440 + 337)), start.plus(Duration.ofMinutes(3 * 1440 + 131)) },
                new Instant[] { start.plus(Duration.ofMinutes(2 * 1440 + 605)), start.plus(Duration.ofMinutes(2 * 1440 + 650)) },
                new Instant[] { start.plus(Duration.ofMinutes(1440 + 1350)), start.plus(Duration.ofMinutes(2 * 1440 + 75)) },
                new Instant[] { start.plus(Duration.ofMinutes(1440 + 1)), start.plus(Duration.ofMinutes(2 * 1440 + 59)) });
        for (Instant[] range : ranges) {
            for (int limit : List.of(100, 3)) {
                List<TrendSearcher.ValueCount> index = searcher.values("hashtag", null, range[0], range[1], limit);
                assertFalse(index.isEmpty(), "the corpus has hashtags in " + List.of(range));
                assertEquals(index, rollups.top("hashtag", range[0].toEpochMilli(), range[1].toEpochMilli(), limit),
                        "from " + range[0] + " to " + range[1] + ", top " + limit);
            }
            JsonPath top = admin().queryParam("field", "hashtag").queryParam("from", range[0].toString())
                    .queryParam("to", range[1].toString()).queryParam("limit", 100).get("/api/trends/top").then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(searcher.values("hashtag", null, range[0], range[1], 100).stream()
                    .map(TrendSearcher.ValueCount::value).toList(), top.getList("items.value"));
        }
        assertTrue(searcher.values("hashtag", null, ranges.get(0)[0], ranges.get(0)[1], 100).stream()
                .anyMatch(v -> v.previous() > 0), "the period before is counted too");
    }

    @Test
    void significantTermsLeaveOutStopWordsAndTheQuerysOwnWords() {
        String word = Corpus.word();
        String finding = Corpus.word();
        Instant day = Instant.parse("2026-06-10T00:00:00Z");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String text = word + " the and of " + (i % 3 == 0 ? "order" : finding) + " was " + (i % 2 == 0 ? "late" : "fine");
            lines.add(Corpus.post(text, day.plus(Duration.ofMinutes(i * 10L))));
        }
        rule("sig " + word, word);
        Corpus.ingest(lines);
        JsonPath top = admin().queryParam("field", "term").queryParam("q", word).queryParam("from", day.toString())
                .queryParam("to", day.plus(Duration.ofDays(1)).toString()).get("/api/trends/top").then()
                .statusCode(200).extract().jsonPath();
        List<String> words = top.getList("items.value");
        assertEquals(finding, words.get(0), "the rare word shared by most matches ranks first: " + words);
        assertEquals(8, top.getInt("items[0].count"));
        for (String excluded : List.of(word, "the", "and", "of", "was")) {
            assertFalse(words.contains(excluded), excluded + " in " + words);
        }
    }

    @Test
    void ruleStatsGiveSevenDaysAndTheLastMatch() {
        String word = Corpus.word();
        long ruleId = rule("stats " + word, word);
        Instant now = Instant.now().minusSeconds(5);
        Corpus.ingest(List.of(Corpus.post(word + " one", now), Corpus.post(word + " two", now)));
        JsonPath stats = admin().get("/api/rules/stats").then().statusCode(200).extract().jsonPath();
        List<Integer> days = stats.getList("find { it.id == " + ruleId + " }.last7days");
        assertEquals(7, days.size());
        assertEquals(2, days.stream().mapToInt(Integer::intValue).sum());
        assertEquals(now.truncatedTo(ChronoUnit.MINUTES), Instant.parse(stats.getString("find { it.id == " + ruleId
                + " }.lastMatchAt")));
    }
}
