package io.earshot.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.earshot.testing.KafkaBroker;

/**
 * The set-up the Kafka fault tests share: a fresh topic on the shared broker holding generated threads,
 * a data directory whose database already has the listening rule, and the environment that points the
 * app at the topic with its own consumer group. The app is the packaged H2 build, or another build with
 * the environment that points it at its database ({@link #prepare(String, int, Path, Map)}).
 */
record FaultRun(KafkaBroker broker, String topic, String group, ThreadedPosts posts, Path dataDir, Path jar,
        Map<String, String> database) {

    static FaultRun prepare(String name, int threads) {
        return prepare(name, threads, AppProcess.h2Jar(), Map.of());
    }

    /**
     * @param jar the app to run
     * @param database environment pointing it at its database (empty: H2 under the data directory)
     */
    static FaultRun prepare(String name, int threads, Path jar, Map<String, String> database) {
        try {
            return prepare(name, threads, jar, database, Files.createTempDirectory("earshot-" + name + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As above, with the app's data directory (the index, and H2's database) at {@code dataDir}. */
    static FaultRun prepare(String name, int threads, Path jar, Map<String, String> database, Path dataDir) {
        KafkaBroker broker = KafkaBroker.shared();
        String topic = "earshot.posts." + name + "-" + UUID.randomUUID();
        broker.createTopic(topic, 3);
        ThreadedPosts posts = new ThreadedPosts(name.substring(0, 2), "parcel", threads);
        // The rule is made on a start without Kafka, so no post is read before it exists.
        try (AppProcess app = new AppProcess(name, jar, dataDir, database)) {
            app.start();
            app.admin().contentType("application/json").body("{\"name\":\"parcels\",\"query\":\"parcel\"}")
                    .post("/api/rules").then().statusCode(201);
            app.stop();
        }
        return new FaultRun(broker, topic, "earshot-" + topic, posts, dataDir, jar, database);
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(database);
        env.putAll(Map.of("EARSHOT_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "EARSHOT_KAFKA_POSTS_TOPIC",
                topic, "EARSHOT_KAFKA_GROUP_ID", group));
        return env;
    }

    /** The app of this run, reading the topic, with its log named {@code name}. */
    AppProcess app(String name) {
        return app(name, Map.of());
    }

    /** As above, with more settings as environment variables. */
    AppProcess app(String name, Map<String, String> settings) {
        Map<String, String> env = env();
        env.putAll(settings);
        return new AppProcess(name, jar, dataDir, env);
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
