package io.earshot.reliability;

import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueWord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.earshot.conversation.Message;
import io.earshot.ingest.KafkaConfig;
import io.earshot.reliability.HostileCorpus.Case;
import io.earshot.reliability.HostileCorpus.Expect;
import io.earshot.testing.KafkaBroker;
import io.earshot.testing.KafkaBrokerResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The hostile corpus ({@link HostileCorpus}) through every input path: {@code POST /api/posts} one
 * envelope at a time and as one NDJSON body, {@code POST /api/import} as NDJSON and as twcs CSV, and the
 * Kafka consumer on a real broker. Each input is either refused with a reason that
 * {@code /api/dead-letters} shows, or stored with its text exactly as sent; no path answers 500, each
 * path still stores a good post sent after the corpus, and the heap does not keep what passed through.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class HostileInputTest {

    /** How much the heap, measured after a full GC, may grow while the whole corpus passes through. */
    private static final long HEAP_GROWTH_BOUND = 96L * 1024 * 1024;
    /** Larger records cannot reach a default broker; they are sent cut, as a broken envelope. */
    private static final int KAFKA_RECORD_LIMIT = 1_000_000;
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static long heapBefore;

    /** What an input path made of one case. */
    private record Outcome(boolean accepted, String reason) {
        static Outcome refused(String reason) {
            return new Outcome(false, reason == null ? "" : reason);
        }

        static final Outcome ACCEPTED = new Outcome(true, null);
    }

    @BeforeAll
    static void measureHeap() {
        heapBefore = heapAfterGc();
    }

    @Test
    @Order(1)
    void everyHostileEnvelopePostedAloneIsRefusedWithAReasonOrStoredIntact() {
        HostileCorpus.Run run = newRun("single");
        long deadLettersBefore = newestDeadLetterId();
        Map<Case, byte[]> sent = new LinkedHashMap<>();
        Map<Case, Outcome> outcomes = new LinkedHashMap<>();
        int refusals = 0;
        for (Case c : HostileCorpus.cases()) {
            byte[] body = run.render(c);
            sent.put(c, body);
            Response response = admin().contentType("application/json").body(body).post("/api/posts");
            int status = response.statusCode();
            assertTrue(status == 200 || status == 400 || status == 413, c + " answered " + status + ": "
                    + response.asString());
            JsonPath json = response.jsonPath();
            if (json.get("error") != null) {
                outcomes.put(c, Outcome.refused(json.getString("detail")));
                refusals += status == 413 ? 0 : 1;
            } else if (json.getInt("accepted") > 0) {
                outcomes.put(c, Outcome.ACCEPTED);
            } else {
                outcomes.put(c, Outcome.refused(json.getString("errors[0].reason")));
                refusals += json.getInt("rejected");
            }
        }
        check("http, one envelope a request", sent, outcomes);
        assertDeadLetters(deadLettersBefore, "http", refusals);
        assertGoodPostStillStored(run, body -> admin().contentType("application/json").body(body).post("/api/posts")
                .then().statusCode(200));
    }

    @Test
    @Order(2)
    void everyHostileEnvelopeInOneNdjsonBodyIsRefusedWithAReasonOrStoredIntact() {
        throughNdjson("http, one NDJSON body", "http", body -> admin().contentType("application/x-ndjson").body(body)
                .post("/api/posts"));
    }

    @Test
    @Order(3)
    void everyHostileEnvelopeInAnNdjsonImportIsRefusedWithAReasonOrStoredIntact() {
        throughNdjson("import, NDJSON", "import", body -> admin().contentType("application/x-ndjson").body(body)
                .queryParam("format", "ndjson").post("/api/import"));
    }

    /** The whole corpus as one NDJSON body, then a good post, through one endpoint. */
    private static void throughNdjson(String path, String source, java.util.function.Function<byte[], Response> endpoint) {
        HostileCorpus.Run run = newRun(source);
        long deadLettersBefore = newestDeadLetterId();
        Map<Case, byte[]> sent = render(run);
        JsonPath result = endpoint.apply(ndjson(sent.values())).then().statusCode(200).extract().jsonPath();
        check(path, sent, outcomesByLine(sent, result));
        assertDeadLetters(deadLettersBefore, source, result.getInt("rejected"));
        assertGoodPostStillStored(run, body -> endpoint.apply(body).then().statusCode(200));
    }

    @Test
    @Order(4)
    void everyHostileEnvelopeOnTheKafkaTopicIsDeadLetteredWithAReasonOrStoredIntact() throws Exception {
        HostileCorpus.Run run = newRun("kafka");
        Map<Case, byte[]> sent = render(run);
        Map<Case, String> positions = new LinkedHashMap<>();
        String key = "hostile-" + run.word;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            Map<Case, Future<RecordMetadata>> acks = new LinkedHashMap<>();
            for (Map.Entry<Case, byte[]> e : sent.entrySet()) {
                byte[] value = e.getValue().length <= KAFKA_RECORD_LIMIT ? e.getValue()
                        : java.util.Arrays.copyOf(e.getValue(), KAFKA_RECORD_LIMIT);
                acks.put(e.getKey(), producer.send(new ProducerRecord<>(KafkaConfig.POSTS_TOPIC,
                        key.getBytes(StandardCharsets.UTF_8), value)));
            }
            for (Map.Entry<Case, Future<RecordMetadata>> e : acks.entrySet()) {
                RecordMetadata m = e.getValue().get(30, TimeUnit.SECONDS);
                positions.put(e.getKey(), m.partition() + ":" + m.offset());
            }
            // Same key, same partition: once the good post is stored, the consumer has been past every case.
            String goodId = HostileCorpus.nextId();
            producer.send(new ProducerRecord<>(KafkaConfig.POSTS_TOPIC, key.getBytes(StandardCharsets.UTF_8),
                    post(goodId, "calm", run.word + " after the storm").getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + KAFKA_WAIT.toNanos();
            while (stored("x", goodId) == null && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertNotNull(stored("x", goodId), "the consumer kept going and stored the good post after the corpus");
        }
        Map<String, String> reasons = new HashMap<>();
        for (JsonNode letter : deadLettersAfter(0)) {
            if ("kafka".equals(letter.get("source").asText())) {
                reasons.put(letter.get("position").asText(), letter.get("reason").asText());
            }
        }
        Map<Case, Outcome> outcomes = new LinkedHashMap<>();
        positions.forEach((c, position) -> outcomes.put(c,
                reasons.containsKey(position) ? Outcome.refused(reasons.get(position)) : Outcome.ACCEPTED));
        check("kafka", sent, outcomes);
        io.restassured.RestAssured.get("/q/health/ready").then().statusCode(200);
    }

    @Test
    @Order(5)
    void everyHostileTwcsFileIsRefusedWithAReasonOrImportedNeverAServerError() {
        HostileCorpus.Run run = newRun("twcs");
        List<String> failures = new ArrayList<>();
        Set<String> mustRefuse = Set.of("empty-file", "missing-columns", "duplicate-columns", "endless-quoted-field");
        for (String file : HostileCorpus.TWCS_FILES) {
            long deadLettersBefore = newestDeadLetterId();
            // Ids shared within one file only: a file's rows refer to each other, not to other files' rows.
            byte[] csv = new HostileCorpus.Run(run.word).renderCsv(HostileCorpus.twcsFile(file));
            Response response = admin().contentType("text/csv").body(csv).queryParam("format", "twcs")
                    .post("/api/import");
            JsonPath json = response.jsonPath();
            if (response.statusCode() == 400) {
                if (json.getString("detail") == null || json.getString("detail").isBlank()) {
                    failures.add(file + ": 400 without a reason: " + response.asString());
                }
            } else if (response.statusCode() == 200) {
                if (mustRefuse.contains(file)) {
                    failures.add(file + ": imported, expected 400: " + response.asString());
                }
                int rejected = json.getInt("rejected");
                List<String> reasons = json.getList("errors.reason");
                if (reasons.size() != rejected || reasons.stream().anyMatch(r -> r == null || r.isBlank())) {
                    failures.add(file + ": refusals without reasons: " + response.asString());
                }
                int kept = deadLettersAfter(deadLettersBefore).size();
                if (kept != rejected) {
                    failures.add(file + ": " + rejected + " refused but " + kept + " dead letters");
                }
            } else {
                failures.add(file + ": answered " + response.statusCode() + ": " + response.asString());
            }
        }
        assertEquals(List.of(), failures);
        String self = null;
        // reply-cycles.csv: the two rows that answer each other share one conversation.
        Set<Long> cycle = new HashSet<>();
        for (JsonNode letter : deadLettersAfter(0)) {
            if (letter.get("payload").asText().contains(run.word + " self reply")) {
                self = letter.get("reason").asText();
            }
        }
        assertNotNull(self, "the self-reply row is a dead letter");
        for (Message m : QuarkusTransaction.requiringNew().call(() -> Message.<Message>list("text like ?1",
                run.word + " cycle %"))) {
            cycle.add(m.conversationId);
        }
        assertEquals(1, cycle.size(), "the reply cycle is one conversation");
        assertGoodPostStillStored(run, body -> admin().contentType("text/csv")
                .body(("tweet_id,author_id,created_at,text\n" + goodRow(body)).getBytes(StandardCharsets.UTF_8))
                .queryParam("format", "twcs").post("/api/import").then().statusCode(200));
    }

    @Test
    @Order(100)
    void theHeapDoesNotKeepWhatPassedThrough() {
        long after = heapAfterGc();
        System.out.printf("Heap after GC: %d MB before the corpus, %d MB after every path%n", heapBefore >> 20,
                after >> 20);
        assertTrue(after - heapBefore < HEAP_GROWTH_BOUND, "heap grew by " + ((after - heapBefore) >> 20) + " MB");
    }

    /** Checks every case's outcome against its expectation and the stored text; reports all mismatches at once. */
    private static void check(String path, Map<Case, byte[]> sent, Map<Case, Outcome> outcomes) {
        List<String> failures = new ArrayList<>();
        Map<String, Set<Long>> threads = new HashMap<>();
        int refused = 0;
        int storedCount = 0;
        for (Map.Entry<Case, byte[]> e : sent.entrySet()) {
            Case c = e.getKey();
            Outcome outcome = outcomes.get(c);
            JsonNode envelope = lenientJson(e.getValue());
            Message message = outcome.accepted() && envelope != null ? stored(envelope) : null;
            if (!outcome.accepted()) {
                refused++;
                if (outcome.reason().isBlank()) {
                    failures.add(c + ": refused without a reason");
                }
                if (c.expect() == Expect.STORED || c.expect() == Expect.DROPPED) {
                    failures.add(c + ": refused (" + outcome.reason() + "), expected " + c.expect());
                }
                continue;
            }
            if (c.expect() == Expect.REFUSED) {
                failures.add(c + ": accepted, expected refused");
            } else if (c.expect() == Expect.STORED && message == null) {
                failures.add(c + ": accepted but not stored");
            } else if (c.expect() == Expect.DROPPED && message != null) {
                failures.add(c + ": stored, expected dropped");
            }
            if (message != null) {
                storedCount++;
                String problem = roundTripProblem(envelope, message);
                if (problem != null) {
                    failures.add(c + ": " + problem);
                }
                if (c.thread() != null) {
                    threads.computeIfAbsent(c.thread(), t -> new HashSet<>()).add(message.conversationId);
                }
            }
        }
        threads.forEach((thread, conversations) -> {
            if (conversations.size() != 1) {
                failures.add("thread " + thread + " is split over conversations " + conversations);
            }
        });
        System.out.printf("Hostile corpus through %s: %d cases, %d refused with a reason, %d stored%n", path,
                sent.size(), refused, storedCount);
        assertEquals(List.of(), failures, path);
    }

    /** The stored message answers through the API with exactly the text, id and author name that were sent. */
    private static String roundTripProblem(JsonNode envelope, Message message) {
        List<Map<String, Object>> messages = admin().get("/api/conversations/" + message.conversationId).then()
                .statusCode(200).extract().jsonPath().getList("messages");
        Map<String, Object> shown = messages.stream()
                .filter(m -> message.externalId.equals(m.get("externalId"))).findFirst().orElse(null);
        if (shown == null) {
            return "stored, but its conversation does not show it";
        }
        String text = envelope.get("text").asText();
        if (!text.equals(shown.get("text"))) {
            return "text changed on the way: sent " + preview(text) + ", shown " + preview((String) shown.get("text"));
        }
        JsonNode name = envelope.path("author").path("name");
        if (name.isTextual() && !name.asText().strip().isEmpty() && !name.asText().strip().equals(shown.get("authorName"))) {
            return "author name changed: sent " + preview(name.asText()) + ", shown " + shown.get("authorName");
        }
        return null;
    }

    private static Map<Case, Outcome> outcomesByLine(Map<Case, byte[]> sent, JsonPath result) {
        Map<String, String> errors = new HashMap<>();
        List<Map<String, String>> list = result.getList("errors");
        for (Map<String, String> e : list) {
            errors.put(e.get("line"), e.get("reason"));
        }
        assertEquals(result.getInt("rejected"), list.size(), "every refusal is listed");
        Map<Case, Outcome> outcomes = new LinkedHashMap<>();
        int line = 0;
        for (Case c : sent.keySet()) {
            String reason = errors.get(Integer.toString(++line));
            outcomes.put(c, reason == null ? Outcome.ACCEPTED : Outcome.refused(reason));
        }
        return outcomes;
    }

    /** Every refusal of the path is in {@code /api/dead-letters}, with its reason. */
    private static void assertDeadLetters(long before, String source, int refusals) {
        List<JsonNode> letters = deadLettersAfter(before);
        assertEquals(refusals, letters.stream().filter(l -> source.equals(l.get("source").asText())).count(),
                "dead letters from " + source);
        for (JsonNode l : letters) {
            assertTrue(!l.get("reason").asText().isBlank(), "dead letter " + l.get("id") + " has a reason");
        }
    }

    private interface Sender {
        void send(byte[] body);
    }

    private static void assertGoodPostStillStored(HostileCorpus.Run run, Sender sender) {
        String id = HostileCorpus.nextId();
        sender.send((post(id, "calm", run.word + " after the storm") + "\n").getBytes(StandardCharsets.UTF_8));
        assertNotNull(stored("x", id), "a good post sent after the corpus is stored");
    }

    /** The twcs row of a good post envelope (the sender hands over the envelope as NDJSON). */
    private static String goodRow(byte[] envelope) {
        JsonNode node = lenientJson(envelope);
        return node.get("id").asText() + ",calm,Tue Oct 31 22:10:47 +0000 2017," + node.get("text").asText() + "\n";
    }

    private static HostileCorpus.Run newRun(String path) {
        String word = uniqueWord();
        rule("hostile " + path + " " + word, word);
        return new HostileCorpus.Run(word);
    }

    private static Map<Case, byte[]> render(HostileCorpus.Run run) {
        Map<Case, byte[]> sent = new LinkedHashMap<>();
        for (Case c : HostileCorpus.cases()) {
            sent.put(c, run.render(c));
        }
        return sent;
    }

    private static byte[] ndjson(Iterable<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] r : records) {
            out.writeBytes(r);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static Message stored(JsonNode envelope) {
        JsonNode id = envelope.get("id");
        JsonNode platform = envelope.get("platform");
        if (id == null || platform == null || !platform.isTextual()) {
            return null;
        }
        String externalId = id.isIntegralNumber() ? id.bigIntegerValue().toString() : id.asText();
        return stored(platform.asText().strip().toLowerCase(java.util.Locale.ROOT), externalId);
    }

    private static Message stored(String platform, String externalId) {
        return QuarkusTransaction.requiringNew().call(() -> Message.<Message>find(
                "platform = ?1 and externalId = ?2", platform, externalId).firstResult());
    }

    private static long newestDeadLetterId() {
        JsonNode items = readJson(admin().queryParam("limit", 1).get("/api/dead-letters").then().statusCode(200)
                .extract().asByteArray()).get("items");
        return items.isEmpty() ? 0 : items.get(0).get("id").asLong();
    }

    /** Dead letters with an id above {@code before}, newest first, through the API's pages. */
    private static List<JsonNode> deadLettersAfter(long before) {
        List<JsonNode> letters = new ArrayList<>();
        String cursor = null;
        while (true) {
            var request = admin().queryParam("limit", 500);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonNode page = readJson(request.get("/api/dead-letters").then().statusCode(200).extract().asByteArray());
            for (JsonNode letter : page.get("items")) {
                if (letter.get("id").asLong() <= before) {
                    return letters;
                }
                letters.add(letter);
            }
            if (page.get("next").isNull()) {
                return letters;
            }
            cursor = page.get("next").asText();
        }
    }

    private static JsonNode lenientJson(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String preview(String text) {
        return text == null ? "null" : text.length() <= 60 ? text : text.substring(0, 60) + "… (" + text.length() + ")";
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(KAFKA_RECORD_LIMIT + 10_000));
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
