package io.earshot.trends;

import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.earshot.testing.SqlNumber;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Stored messages reach the rollups through {@code trend_pending}: counted by the next read without
 * waiting for the fold interval, and exactly once however many claim them.
 */
@QuarkusTest
@TestProfile(PendingRollupsTest.NoTimedFolds.class)
public class PendingRollupsTest {

    /** Folds only when something asks: the interval never runs out during a test. */
    public static class NoTimedFolds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("earshot.trends.fold-interval", "1h");
        }
    }

    private static final Instant DAY = Instant.parse("2026-04-07T00:00:00Z");

    @Inject
    PendingRollups pending;

    @Inject
    EntityManager em;

    @BeforeEach
    void countWhatEarlierTestsLeft() {
        // Also waits out the sweep that the first fold after the start runs.
        pending.fold();
    }

    @Test
    void storedMessagesWaitPendingUntilAReadCountsThem() {
        String word = Corpus.word();
        long ruleId = rule("pending " + word, word);
        ingest(word, 7);
        assertEquals(7, number("select count(*) from trend_pending p join message_rule r on r.message_id = p.message_id"
                + " where r.rule_id = " + ruleId));
        assertEquals(0, dayCount("rule:" + ruleId));

        assertEquals(List.of(7), admin().queryParam("series", "rule:" + ruleId).queryParam("interval", "day")
                .queryParam("from", DAY.toString()).queryParam("to", DAY.plus(Duration.ofDays(1)).toString())
                .get("/api/trends").then().statusCode(200).extract().jsonPath().getList("series[0].buckets.count"));
        assertEquals(0, number("select count(*) from trend_pending"));
        assertEquals(7, dayCount("rule:" + ruleId));
        assertEquals(7, number("select n from trend_term_day where series = 'term:" + word + "'"));
    }

    @Test
    void messagesBothSweptAndQueuedAreCountedOnce() {
        String word = Corpus.word();
        long ruleId = rule("swept " + word, word);
        ingest(word, 5);

        assertEquals(5, pending.sweepAll(), "the sweep reads the pending messages back and counts them");
        assertEquals(0, pending.fold(), "the fold finds its queued messages claimed");
        assertEquals(5, dayCount("rule:" + ruleId));
        assertEquals(5, number("select sum(n) from trend_minute where series = 'rule:" + ruleId + "'"));
        assertEquals(5, number("select n from trend_term_day where series = 'term:" + word + "'"));
    }

    @Test
    void aRecountLeavesNothingPendingAndCountsEachMessageOnce() {
        String word = Corpus.word();
        long ruleId = rule("recount " + word, word);
        ingest(word, 4);
        admin().post("/api/admin/reindex").then().statusCode(200);

        assertEquals(0, number("select count(*) from trend_pending"));
        pending.fold();
        assertEquals(4, dayCount("rule:" + ruleId));
    }

    @Test
    void onlyRowsStillPendingAtTheNextOrphanCheckAreTakenFromTheirInstance() {
        String word = Corpus.word();
        long ruleId = rule("orphan " + word, word);
        pending.countOrphans();
        ingest(word, 3);

        assertEquals(0, pending.countOrphans(), "rows pending for the first time are left to the instance queuing them");
        assertEquals(0, dayCount("rule:" + ruleId));
        assertEquals(3, pending.countOrphans(), "rows still pending ten minutes later have no one else to count them");
        assertEquals(0, pending.fold(), "the queue finds them claimed");
        assertEquals(3, dayCount("rule:" + ruleId));
    }

    private static void ingest(String word, int posts) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < posts; i++) {
            lines.add(Corpus.post(word + " hello", DAY.plus(Duration.ofMinutes(10L * i + 5))));
        }
        Corpus.ingest(lines);
    }

    private long dayCount(String series) {
        return number("select coalesce(sum(n), 0) from trend_day where series = '" + series + "'");
    }

    private long number(String sql) {
        return SqlNumber.of(em, sql);
    }
}
