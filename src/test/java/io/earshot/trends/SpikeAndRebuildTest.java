package io.earshot.trends;

import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.rule;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Spike alerts on the hourly rollups, the rollup rebuild on reindex, and the rule dry run. */
@QuarkusTest
public class SpikeAndRebuildTest {

    static final Instant FLAT_FROM = Instant.parse("2026-03-01T00:00:00Z");
    static final int FLAT_HOURS = 48;
    static final int PER_HOUR = 5;
    static final int SPIKE = 40;

    @Inject
    SpikeDetector detector;

    @Inject
    EntityManager em;

    @Inject
    PendingRollups pending;

    private static void series(String word, int hours, int perHour, int last) {
        Corpus.hourly(word, FLAT_FROM, hours, perHour, last);
    }

    @Test
    void aPlantedSpikeIsAlertedOnceAndAFlatSeriesIsNot() {
        String spiky = Corpus.word();
        String flat = Corpus.word();
        long spikyRule = rule("spiky " + spiky, spiky);
        long flatRule = rule("flat " + flat, flat);
        series(spiky, FLAT_HOURS, PER_HOUR, SPIKE);
        series(flat, FLAT_HOURS, PER_HOUR, PER_HOUR);
        Instant spikeHour = FLAT_FROM.plus(Duration.ofHours(FLAT_HOURS));
        Instant now = spikeHour.plus(Duration.ofMinutes(61));

        List<AlertView> raised = detector.detect(now);
        List<AlertView> spikyAlerts = raised.stream().filter(a -> a.rule().id() == spikyRule).toList();
        assertEquals(1, spikyAlerts.size(), raised.toString());
        AlertView alert = spikyAlerts.get(0);
        assertEquals(spikeHour, alert.bucketStart());
        assertEquals(SPIKE, alert.count());
        assertEquals(PER_HOUR, alert.baseline(), 1e-9);
        assertEquals(SPIKE - PER_HOUR, alert.score(), 1e-9);
        assertTrue(raised.stream().noneMatch(a -> a.rule().id() == flatRule), raised.toString());
        assertTrue(detector.detect(now).stream().noneMatch(a -> a.rule().id() == spikyRule), "raised twice");

        admin().get("/api/alerts?limit=500").then().statusCode(200)
                .body("items.find { it.id == " + alert.id() + " }.rule.name", equalTo("spiky " + spiky))
                .body("items.find { it.id == " + alert.id() + " }.count", equalTo(SPIKE))
                .body("items.rule.id", not(hasItem((int) flatRule)));
    }

    @Test
    void reindexRebuildsIdenticalRollups() {
        String word = Corpus.word();
        rule("rebuild " + word, word);
        series(word, 3, 4, 7);
        String before = rollupRows();
        assertTrue(before.contains("rule:"), "the rollups hold rule rows");
        admin().post("/api/admin/reindex").then().statusCode(200);
        assertEquals(before, rollupRows());
    }

    @Test
    void aDryRunShowsVolumeSamplesAndOverlapBeforeSaving() {
        String word = Corpus.word();
        long existing = rule("existing " + word, word);
        series(word, 2, 3, 3);
        JsonPath run = admin().contentType(ContentType.JSON)
                .body("{\"query\":\"" + word + " AND hello\",\"from\":\"2026-02-28\",\"to\":\"2026-03-03\"}")
                .post("/api/rules/dry-run").then().statusCode(200).extract().jsonPath();
        assertEquals(9, run.getLong("total"));
        assertEquals(List.of("2026-02-28", "2026-03-01", "2026-03-02"), run.getList("perDay.day"));
        assertEquals(List.of(0, 9, 0), run.getList("perDay.count"));
        assertEquals(9, run.getList("samples").size());
        assertTrue(run.getString("samples[0].highlight").contains("<mark>" + word + "</mark>"));
        assertEquals(9, run.getInt("overlap.find { it.rule.id == " + existing + " }.count"));
        assertEquals("existing " + word, run.getString("overlap.find { it.rule.id == " + existing + " }.rule.name"));

        admin().contentType(ContentType.JSON).body("{\"query\":\"" + word + " AND (\"}").post("/api/rules/dry-run")
                .then().statusCode(400).body("error", equalTo("invalid query")).body("position", org.hamcrest.Matchers.notNullValue())
                .body("detail", containsString(""));
    }

    /** Every rollup row, once every stored message is counted. */
    private String rollupRows() {
        pending.fold();
        return QuarkusTransaction.requiringNew().call(() -> {
            StringBuilder rows = new StringBuilder();
            for (String table : List.of("trend_minute", "trend_hour", "trend_day", "trend_week", "trend_term_day")) {
                for (Object row : em.createNativeQuery("select series, bucket_start, n from " + table
                        + " order by series, bucket_start").getResultList()) {
                    Object[] cells = (Object[]) row;
                    rows.append(table).append(' ').append(cells[0]).append(' ').append(cells[1]).append(' ')
                            .append(cells[2]).append('\n');
                }
            }
            return rows.toString();
        });
    }
}
