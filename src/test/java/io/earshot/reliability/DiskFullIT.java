package io.earshot.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.earshot.testing.ConsumerLag;
import io.restassured.response.Response;

/**
 * Fault 7 of issue 7: the disk holding the Lucene index fills up during a Kafka ingest. The index lives on
 * a small tmpfs of the test's own and the database on a PostgreSQL cluster of its own (the disk that
 * fills is the data directory; PostgreSQL's own disk is another failure). While the disk is full, ingest
 * stops with readiness DOWN naming the index and the full disk, no Kafka offset moves past what the
 * database holds, and the app stays up; once the filler is deleted, ingest resumes by itself and every
 * post ends up stored and indexed exactly once.
 */
class DiskFullIT {

    private static final int THREADS = 5_000;
    private static final int DISK_MB = 48;
    private static final Duration FULL_FOR = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFullIndexDiskStopsIngestWithAClearHealthErrorAndIngestResumesOnceSpaceIsFreed() {
        try (SmallDisk disk = SmallDisk.mount("full", DISK_MB); PostgresCluster database = PostgresCluster.start("full")) {
            FaultRun run = FaultRun.prepare("full", THREADS, AppProcess.postgresqlJar(), database.appEnv(),
                    disk.path().resolve("data"));
            run.produce();
            int total = run.posts().posts();
            try (AppProcess app = run.app("disk-full")) {
                app.start();
                assertTrue(FaultRun.awaitDocuments(app, total / 10, WAIT), "ingest got going");

                long filler = disk.fill();
                Response ready = app.awaitReadiness(503);
                System.out.println("Readiness with the disk full (filler " + filler / 1024 / 1024 + " MiB): "
                        + ready.asString());
                assertEquals("DOWN", ready.jsonPath().getString("checks.find { it.name == 'index' }.status"),
                        ready.asString());
                String error = ready.jsonPath().getString("checks.find { it.name == 'index' }.data.error");
                assertTrue(error != null && error.contains("No space left on device"), ready.asString());

                Map<TopicPartition, Long> offsetsWhenFull = ConsumerLag.committed(run.broker(), run.group());
                AppProcess.sleep(FULL_FOR.toMillis());
                assertEquals(offsetsWhenFull, ConsumerLag.committed(run.broker(), run.group()),
                        "ingest stopped: no offset was committed while the disk was full");
                Set<String> acknowledged = postsBelow(run, offsetsWhenFull);
                Set<String> missing = new TreeSet<>(acknowledged);
                missing.removeAll(storedPosts(database));
                assertEquals(Set.of(), missing, "every post below the committed offsets is stored");
                assertTrue(app.isRunning(), "the app outlived the full disk");
                app.request().get("/q/health/live").then().statusCode(200);

                disk.free();
                assertTrue(ConsumerLag.awaitZero(run.broker(), run.group(), run.topic(), WAIT), "ingest resumed");
                Response again = app.awaitReadiness(200);
                System.out.println("Readiness once the filler was deleted: " + again.asString());
                app.stop();
            }
            StoredState state = StoredState.read(database, run.dataDir());
            System.out.printf("Disk full: %d of %d posts stored, %d indexed%n", state.messageIdOfPost().size(), total,
                    state.indexedDocuments());
            assertEquals(List.of(), state.problems(run.posts()));
            assertEquals(total, state.messageIdOfPost().size());
            assertEquals(0, state.deadLetters());
        }
    }

    /** The posts ({@code platform:id}) of the topic below the given offsets: those the app acknowledged. */
    private static Set<String> postsBelow(FaultRun run, Map<TopicPartition, Long> offsets) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, run.broker().bootstrapServers());
        Set<String> posts = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.copyOf(offsets.keySet());
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < offsets.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + run.topic() + " up to " + offsets);
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < offsets.get(tp)) {
                        posts.add("x:" + JSON.readTree(r.value()).path("id").asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable record on " + run.topic(), e);
        }
        return posts;
    }

    /** The posts ({@code platform:id}) the database holds now, read while the app runs. */
    private static Set<String> storedPosts(PostgresCluster database) {
        Set<String> stored = new HashSet<>();
        try (Connection c = database.connect(PostgresCluster.DATABASE); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select platform, external_id from message")) {
            while (r.next()) {
                stored.add(r.getString(1) + ":" + r.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database.jdbcUrl(), e);
        }
        return stored;
    }
}
