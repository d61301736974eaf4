package io.earshot.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.earshot.testing.ConsumerLag;
import io.earshot.testing.KafkaBroker;

/**
 * Fault 6 of issue 7, against the packaged app and a real broker: the same 10,000 posts delivered
 * twice, once by a Kafka replay from offset 0 (a new consumer group) and once by importing the same
 * file again, change nothing: the same posts, message ids, conversations, counts and index.
 */
class RedeliveryIT {

    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void theSamePostsDeliveredAgainByKafkaReplayAndByReimportChangeNothing() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String topic = "earshot.posts.redelivery-" + UUID.randomUUID();
        broker.createTopic(topic, 3);
        ThreadedPosts posts = new ThreadedPosts("re", "parcel", 2_000);
        posts.produce(broker.bootstrapServers(), topic);

        var dataDir = Files.createTempDirectory("earshot-redelivery-");
        Map<String, String> kafka = Map.of("EARSHOT_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "EARSHOT_KAFKA_POSTS_TOPIC", topic, "EARSHOT_KAFKA_GROUP_ID", "first-" + topic);
        // The rule exists before any post is read: it is made on a first start without Kafka.
        try (AppProcess app = new AppProcess("redelivery", dataDir, Map.of())) {
            app.start();
            app.admin().contentType("application/json").body("{\"name\":\"parcels\",\"query\":\"parcel\"}")
                    .post("/api/rules").then().statusCode(201);
            app.stop();
        }
        long started = System.nanoTime();
        StoredState first = deliver(dataDir, kafka, broker, "first-" + topic, topic, null);
        assertEquals(List.of(), first.problems(posts));
        System.out.printf("Redelivery: %d posts stored once in %d s%n", posts.posts(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());

        Map<String, String> replay = Map.of("EARSHOT_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "EARSHOT_KAFKA_POSTS_TOPIC", topic, "EARSHOT_KAFKA_GROUP_ID", "replay-" + topic);
        StoredState again = deliver(dataDir, replay, broker, "replay-" + topic, topic, posts.ndjson());

        assertEquals(first, again, "a replay from offset 0 and a re-import change nothing");
    }

    /** Starts the app on a group, waits until it has read the whole topic, optionally imports a file, stops. */
    private static StoredState deliver(java.nio.file.Path dataDir, Map<String, String> env, KafkaBroker broker,
            String group, String topic, byte[] reimport) {
        try (AppProcess app = new AppProcess("redelivery", dataDir, env)) {
            app.start();
            assertTrue(ConsumerLag.awaitZero(broker, group, topic, WAIT), "group " + group + " read the topic");
            if (reimport != null) {
                app.admin().contentType("application/x-ndjson").body(reimport).queryParam("format", "ndjson")
                        .post("/api/import").then().statusCode(200);
            }
            app.stop();
        }
        return StoredState.read(dataDir);
    }
}
