package io.earshot.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.earshot.reply.ReplyConfig.RelayFaultPause;
import io.earshot.testing.KafkaBroker;
import io.restassured.specification.RequestSpecification;

/**
 * Fault 5 of issue 7: the app is killed with SIGKILL while its outbox relay is (a) between storing replies
 * and publishing them, with their records sent in a Kafka transaction not yet committed, and (b) between
 * publishing them (the transaction committed) and marking them published in the database. After a
 * restart a {@code read_committed} reader of the replies topic sees each reply exactly once. The relay
 * is held at the point by {@code earshot.reply.relay-fault-pause}, which only pauses; the kill is this
 * test's.
 */
class ReplyExactlyOnceIT {

    private static final int REPLIES = 4;
    private static final String AGENT = "fault-agent";
    private static final String AGENT_PASSWORD = "fault-agent-password";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void repliesSentInAKafkaTransactionThatTheKillLeftOpenArePublishedOnceAfterRestart() throws IOException {
        Killed killed = killAt(RelayFaultPause.BEFORE_COMMIT);
        assertEquals(Map.of(), killed.committedBeforeKill(), "nothing was visible to read_committed before the kill");
        assertFalse(killed.inLogBeforeKill().isEmpty(), "the open transaction's records were in the log");
        assertPublishedOnceAfterRestart(killed);
    }

    @Test
    void repliesPublishedButNotMarkedWhenTheAppIsKilledAreNotPublishedAgainAfterRestart() throws IOException {
        Killed killed = killAt(RelayFaultPause.AFTER_COMMIT);
        assertFalse(killed.committedBeforeKill().isEmpty(), "the paused batch was committed before the kill");
        assertPublishedOnceAfterRestart(killed);
    }

    /**
     * What the first app left behind: its data, topic and replies, and what the topic held when it was
     * killed, as {@code read_committed} and as {@code read_uncommitted} readers see it.
     */
    private record Killed(Path dataDir, Map<String, String> env, String topic, List<Long> replies,
            Map<Long, Integer> committedBeforeKill, Map<Long, Integer> inLogBeforeKill) {
    }

    /** Starts the app with the relay pausing at {@code point}, sends replies, waits for the pause, kills it. */
    private static Killed killAt(RelayFaultPause point) throws IOException {
        KafkaBroker broker = KafkaBroker.shared();
        String run = point.name().toLowerCase() + "-" + UUID.randomUUID();
        String replies = "earshot.replies." + run;
        String status = "earshot.reply-status." + run;
        String posts = "earshot.posts.reply-" + run;
        broker.createTopic(replies, 3);
        broker.createTopic(status, 1);
        broker.createTopic(posts, 1);
        Map<String, String> env = new HashMap<>(Map.of("EARSHOT_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "EARSHOT_KAFKA_POSTS_TOPIC", posts, "EARSHOT_KAFKA_GROUP_ID", "earshot-" + run,
                "EARSHOT_REPLY_TOPIC", replies, "EARSHOT_REPLY_STATUS_TOPIC", status,
                "EARSHOT_REPLY_POSITION_TOPIC", "earshot.replies.relay-position." + run,
                "EARSHOT_REPLY_TRANSACTIONAL_ID", "earshot-reply-relay-" + run,
                "EARSHOT_REPLY_RELAY_GROUP", "earshot-reply-relay-" + run,
                "EARSHOT_REPLY_STATUS_GROUP", "earshot-reply-status-" + run));
        Path dataDir = Files.createTempDirectory("earshot-reply-");
        Map<String, String> paused = new HashMap<>(env);
        paused.put("EARSHOT_REPLY_RELAY_FAULT_PAUSE", point.name().toLowerCase().replace('_', '-'));
        try (AppProcess app = new AppProcess("reply-" + point.name().toLowerCase(), dataDir, paused)) {
            app.start();
            long conversation = conversation(app);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < REPLIES; i++) {
                ids.add(agent(app).contentType("application/json")
                        .body("{\"text\":\"We are on it, update " + i + "\",\"inReplyTo\":\"customer-1\"}")
                        .post("/api/conversations/" + conversation + "/replies").then().statusCode(201).extract()
                        .jsonPath().getLong("id"));
            }
            awaitLog(app, RelayFaultPause.LOG_LINE);
            Map<Long, Integer> committed = publishedCounts(broker, replies, "read_committed");
            Map<Long, Integer> inLog = publishedCounts(broker, replies, "read_uncommitted");
            for (long id : ids) {
                assertEquals("queued", app.admin().get("/api/replies/" + id).then().statusCode(200).extract()
                        .jsonPath().getString("delivery.state"), "reply " + id + " not yet marked published");
            }
            app.kill();
            return new Killed(dataDir, env, replies, ids, committed, inLog);
        }
    }

    private static void assertPublishedOnceAfterRestart(Killed killed) {
        try (AppProcess app = new AppProcess("reply-restart", killed.dataDir(), killed.env())) {
            app.start();
            for (long id : killed.replies()) {
                awaitPublished(app, id);
            }
            Map<Long, Integer> expected = new TreeMap<>();
            killed.replies().forEach(id -> expected.put(id, 1));
            assertEquals(expected, publishedCounts(KafkaBroker.shared(), killed.topic(), "read_committed"),
                    "each reply on the topic exactly once (reply id: records); before the kill, committed "
                            + killed.committedBeforeKill() + ", in the log " + killed.inLogBeforeKill());
            app.stop();
        }
    }

    /** Makes a rule, an agent and a conversation holding the post {@code customer-1}; answers its id. */
    private static long conversation(AppProcess app) {
        app.admin().contentType("application/json").body("{\"name\":\"parcels\",\"query\":\"parcel\"}")
                .post("/api/rules").then().statusCode(201);
        app.admin().contentType("application/json")
                .body("{\"username\":\"" + AGENT + "\",\"password\":\"" + AGENT_PASSWORD + "\",\"role\":\"agent\"}")
                .post("/api/users").then().statusCode(201);
        app.admin().contentType("application/x-ndjson")
                .body(("{\"id\":\"customer-1\",\"platform\":\"x\",\"author\":{\"handle\":\"jane_doe\"},"
                        + "\"text\":\"@AcmeSupport where is my parcel\",\"created_at\":\"2026-06-01T00:00:00Z\"}\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/posts").then().statusCode(200);
        return app.admin().queryParam("q", "parcel").get("/api/search").then().statusCode(200).extract().jsonPath()
                .getLong("items[0].conversationId");
    }

    private static RequestSpecification agent(AppProcess app) {
        return given().baseUri(app.baseUri()).auth().preemptive().basic(AGENT, AGENT_PASSWORD);
    }

    private static void awaitLog(AppProcess app, String line) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!app.logContains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the log never said '" + line + "':\n" + app.tail());
            }
            AppProcess.sleep(100);
        }
    }

    private static void awaitPublished(AppProcess app, long reply) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String state = null;
        while (System.nanoTime() < deadline) {
            state = app.admin().get("/api/replies/" + reply).then().statusCode(200).extract().jsonPath()
                    .getString("delivery.state");
            if ("published".equals(state)) {
                return;
            }
            AppProcess.sleep(200);
        }
        throw new AssertionError("reply " + reply + " never published; last state " + state + "\n" + app.tail());
    }

    /**
     * How many records of {@code topic} carry each reply id: with {@code read_committed}, as a connector
     * reads them; with {@code read_uncommitted}, also those of open and aborted transactions.
     */
    private static Map<Long, Integer> publishedCounts(KafkaBroker broker, String topic, String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        Map<Long, Integer> counts = new TreeMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            // With read_committed, the end offsets are the last stable offsets: an open transaction holds them back.
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end);
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    JsonNode value = JSON.readTree(r.value());
                    if (value != null && value.has("reply_id")) {
                        counts.merge(value.path("reply_id").asLong(), 1, Integer::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable record on " + topic, e);
        }
        return counts;
    }
}
