package io.earshot.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.earshot.testing.ConsumerLag;

/**
 * Fault 1 of issue 7: {@code kill -9} while 100,000 posts stream in from Kafka, then a restart. Every post
 * is in the database exactly once, the index holds exactly the stored messages, no thread is split
 * over conversations or shares one with another, and the trend rollups count every message once,
 * those the killed app had stored but not yet counted too.
 */
class KillMidIngestIT {

    private static final int THREADS = 20_000;
    private static final Duration WAIT = Duration.ofMinutes(5);

    @Test
    void killedMidIngestTheAppResumesAndStoresEveryPostExactlyOnce() {
        FaultRun run = FaultRun.prepare("kill", THREADS);
        run.produce();
        int total = run.posts().posts();
        long killedAt;
        Set<Long> leftPending;
        long started = System.nanoTime();
        try (AppProcess app = new AppProcess("kill-mid-ingest", run.dataDir(), run.env())) {
            app.start();
            assertTrue(FaultRun.awaitDocuments(app, total / 4, WAIT), "ingest got going");
            app.kill();
            StoredState killed = StoredState.read(run.dataDir());
            killedAt = killed.messageIdOfPost().size();
            leftPending = killed.pendingMessageIds();
            assertTrue(killedAt < total, "killed before the end (" + killedAt + " stored)");

            app.start();
            assertTrue(ConsumerLag.awaitZero(run.broker(), run.group(), run.topic(), WAIT), "the restarted app read the rest");
            app.stop();
        }
        StoredState state = StoredState.read(run.dataDir());
        System.out.printf("Kill mid-ingest: killed with %d of %d posts stored, %d not yet counted in the trends; after"
                + " restart %d stored, %d indexed, %d not yet counted (%d s in all)%n", killedAt, total, leftPending.size(),
                state.messageIdOfPost().size(), state.indexedDocuments(), state.pendingMessageIds().size(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        assertEquals(List.of(), state.problems(run.posts()));
        Set<Long> stillPending = new TreeSet<>(leftPending);
        stillPending.retainAll(state.pendingMessageIds());
        assertEquals(Set.of(), stillPending, "the restarted app counted in the trends what the killed one had not ("
                + leftPending.size() + " messages)");
        assertEquals(total, state.messageIdOfPost().size());
        assertEquals(0, state.deadLetters());
    }
}
