package io.earshot.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.earshot.testing.ConsumerLag;
import io.restassured.response.Response;

/**
 * Fault 3 of issue 7: the PostgreSQL server crashes ({@code pg_ctl stop -m immediate}) during a Kafka
 * ingest and stays away for 30 seconds. Meanwhile ingest pauses without committing offsets, readiness
 * says the database is DOWN, a logged-in browser gets a 503 page and the API a 503 with
 * {@code Retry-After}; once the server is back everything catches up, every post stored once and indexed.
 * The cluster is the test's own, never the machine's.
 */
class DatabaseOutageIT {

    private static final int THREADS = 4_000;
    /**
     * First back-off of a failed batch (doubling): 1.2 s puts a retry a few seconds after the 30 s outage
     * rather than up to a minute later (with 1 s, the retry at 31 s can just miss the restarting server).
     */
    private static final Map<String, String> RETRY = Map.of("EARSHOT_KAFKA_RETRY_BACKOFF", "1200ms");
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String DATABASE_CHECK = "Database connections health check";

    @Test
    void duringADatabaseOutageIngestPausesAndAnswers503ThenCatchesUpStoringEveryPostOnce() {
        try (PostgresCluster database = PostgresCluster.start("outage")) {
            FaultRun run = FaultRun.prepare("outage", THREADS, AppProcess.postgresqlJar(), database.appEnv());
            run.produce();
            int total = run.posts().posts();
            try (AppProcess app = run.app("database-outage", RETRY)) {
                app.start();
                Map<String, String> browser = app.logInAsAdmin();
                assertTrue(FaultRun.awaitDocuments(app, total / 10, WAIT), "ingest got going");

                long down = System.nanoTime();
                database.crash();
                Response ready = app.awaitReadiness(503);
                assertEquals("DOWN", ready.jsonPath().getString("checks.find { it.name == '" + DATABASE_CHECK
                        + "' }.status"), ready.asString());
                System.out.println("Readiness during the database outage: " + ready.asString());
                Map<TopicPartition, Long> offsetsWhenDown = ConsumerLag.committed(run.broker(), run.group());

                Response page = app.request().cookies(browser).accept("text/html").get("/inbox");
                assertEquals(503, page.statusCode(), page.asString());
                assertTrue(page.contentType().startsWith("text/html"), page.contentType());
                assertTrue(page.asString().contains("Earshot is waiting for its database"), page.asString());
                assertNoStackTrace(page.asString());
                assertNotNull(page.header("Retry-After"), "the page says when to try again");

                Response api = app.admin().accept("application/json").get("/api/rules");
                assertEquals(503, api.statusCode(), api.asString());
                assertTrue(api.contentType().startsWith("application/json"), api.contentType());
                assertEquals("database unavailable", api.jsonPath().getString("error"), api.asString());
                assertNotNull(api.header("Retry-After"), "the API says when to try again");
                assertNoStackTrace(api.asString());

                AppProcess.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - down).toMillis()));
                assertEquals(offsetsWhenDown, ConsumerLag.committed(run.broker(), run.group()),
                        "no offset was committed while the database was down");
                assertTrue(app.isRunning(), "the app outlived the outage");
                database.startServer();

                assertTrue(ConsumerLag.awaitZero(run.broker(), run.group(), run.topic(), WAIT), "ingest caught up");
                assertEquals(200, app.awaitReadiness(200).statusCode(), "ready again once the database is back");
                app.request().cookies(browser).accept("text/html").get("/inbox").then().statusCode(200);
                app.stop();
            }
            StoredState state = StoredState.read(database, run.dataDir());
            System.out.printf("Database outage: %d of %d posts stored, %d indexed%n", state.messageIdOfPost().size(),
                    total, state.indexedDocuments());
            assertEquals(List.of(), state.problems(run.posts()));
            assertEquals(total, state.messageIdOfPost().size());
            assertEquals(0, state.deadLetters());
        }
    }

    static void assertNoStackTrace(String body) {
        assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("at io.earshot."),
                "no stack trace or class name: " + body);
    }
}
