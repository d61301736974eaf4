package io.earshot.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.earshot.testing.ConsumerLag;

/**
 * Fault 1 of issue 7: {@code kill -9} while 100,000 posts stream in from Kafka, then a restart. Every post
 * is in the database exactly once, the index holds exactly the stored messages, and no thread is split
 * over conversations or shares one with another.
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
        long started = System.nanoTime();
        try (AppProcess app = new AppProcess("kill-mid-ingest", run.dataDir(), run.env())) {
            app.start();
            assertTrue(FaultRun.awaitDocuments(app, total / 4, WAIT), "ingest got going");
            app.kill();
            killedAt = StoredState.read(run.dataDir()).messageIdOfPost().size();
            assertTrue(killedAt < total, "killed before the end (" + killedAt + " stored)");

            app.start();
            assertTrue(ConsumerLag.awaitZero(run.broker(), run.group(), run.topic(), WAIT), "the restarted app read the rest");
            app.stop();
        }
        StoredState state = StoredState.read(run.dataDir());
        System.out.printf("Kill mid-ingest: killed with %d of %d posts stored; after restart %d stored, %d indexed "
                + "(%d s in all)%n", killedAt, total, state.messageIdOfPost().size(), state.indexedDocuments(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        assertEquals(List.of(), state.problems(run.posts()));
        assertEquals(total, state.messageIdOfPost().size());
        assertEquals(0, state.deadLetters());
    }
}
