package io.earshot.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.earshot.testing.KafkaBroker;

/**
 * The set-up the Kafka fault tests share: a fresh topic on the shared broker holding generated threads,
 * a data directory whose database already has the listening rule, and the environment that points the
 * app at the topic with its own consumer group.
 */
record FaultRun(KafkaBroker broker, String topic, String group, ThreadedPosts posts, Path dataDir) {

    static FaultRun prepare(String name, int threads) {
        KafkaBroker broker = KafkaBroker.shared();
        String topic = "earshot.posts." + name + "-" + UUID.randomUUID();
        broker.createTopic(topic, 3);
        ThreadedPosts posts = new ThreadedPosts(name.substring(0, 2), "parcel", threads);
        try {
            Path dataDir = Files.createTempDirectory("earshot-" + name + "-");
            // The rule is made on a start without Kafka, so no post is read before it exists.
            try (AppProcess app = new AppProcess(name, dataDir, Map.of())) {
                app.start();
                app.admin().contentType("application/json").body("{\"name\":\"parcels\",\"query\":\"parcel\"}")
                        .post("/api/rules").then().statusCode(201);
                app.stop();
            }
            return new FaultRun(broker, topic, "earshot-" + topic, posts, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, String> env() {
        return Map.of("EARSHOT_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "EARSHOT_KAFKA_POSTS_TOPIC", topic,
                "EARSHOT_KAFKA_GROUP_ID", group);
    }

    void produce() {
        posts.produce(broker.bootstrapServers(), topic);
    }

    /** Waits until the index holds at least {@code documents}; false on timeout. */
    static boolean awaitDocuments(AppProcess app, long documents, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (app.indexedDocuments() >= documents) {
                return true;
            }
            AppProcess.sleep(100);
        }
        return false;
    }
}
