package io.earshot.trends;

import static io.earshot.testing.Api.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** With the default fold interval (2 s), stored messages are counted without anyone reading the trends. */
@QuarkusTest
public class TimedFoldTest {

    @Inject
    EntityManager em;

    @Test
    void storedMessagesAreCountedWithinTheFoldIntervalWithoutARead() throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            // Twice: the second batch arrives after a fold has emptied the queue.
            String word = Corpus.word();
            long ruleId = rule("timed " + word, word);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                lines.add(Corpus.post(word + " hello", Instant.parse("2026-05-02T10:00:00Z").plusSeconds(60L * i)));
            }
            Corpus.ingest(lines);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (dayCount(ruleId) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(3, dayCount(ruleId), "counted by the folding thread in round " + round);
        }
    }

    /** Straight from the table: a read through the API would fold first. */
    private long dayCount(long ruleId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object value = em.createNativeQuery("select coalesce(sum(n), 0) from trend_day where series = 'rule:"
                    + ruleId + "'").getSingleResult();
            return value instanceof BigInteger big ? big.longValue() : ((Number) value).longValue();
        });
    }
}
