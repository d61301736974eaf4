package io.earshot.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.earshot.testing.ConsumerLag;
import io.restassured.response.Response;

/**
 * Fault 2 of issue 7: the Kafka broker stops during ingest and comes back on the same address. While it
 * is away, readiness answers 503 with {@code kafka} DOWN; afterwards the consumer reconnects by itself
 * and every post is stored exactly once.
 */
class BrokerRestartIT {

    private static final Duration WAIT = Duration.ofMinutes(4);

    @Test
    void theConsumerReconnectsAfterABrokerRestartAndLosesOrDoublesNothing() {
        FaultRun run = FaultRun.prepare("broker", 6_000);
        run.produce();
        int total = run.posts().posts();
        try (AppProcess app = new AppProcess("broker-restart", run.dataDir(), run.env())) {
            app.start();
            assertTrue(FaultRun.awaitDocuments(app, total / 5, WAIT), "ingest got going");
            run.broker().stop();
            try {
                Response ready = app.awaitReadiness(503);
                assertEquals("DOWN", ready.jsonPath().getString("checks.find { it.name == 'kafka' }.status"),
                        ready.asString());
                System.out.println("Readiness during the broker outage: " + ready.asString());
                AppProcess.sleep(5_000);
            } finally {
                run.broker().start();
            }
            assertTrue(ConsumerLag.awaitZero(run.broker(), run.group(), run.topic(), WAIT), "consumer caught up");
            assertEquals(200, app.awaitReadiness(200).statusCode(), "ready again once the broker is back");
            app.stop();
        }
        StoredState state = StoredState.read(run.dataDir());
        assertEquals(List.of(), state.problems(run.posts()));
        assertEquals(total, state.messageIdOfPost().size());
    }
}
