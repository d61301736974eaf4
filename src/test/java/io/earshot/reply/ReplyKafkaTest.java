package io.earshot.reply;

import static io.earshot.conversation.Staff.agent;
import static io.earshot.conversation.Staff.conversation;
import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.uniqueId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collection;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.earshot.conversation.Staff;
import io.earshot.ingest.KafkaClients;
import io.earshot.testing.KafkaBroker;
import io.earshot.testing.KafkaBrokerResource;
import io.earshot.testing.TopicRecords;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Replies leave through a real Kafka broker: published once, delivery reports applied, crashes survived. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class ReplyKafkaTest {

    @Inject
    ReplyRelay relay;

    @Inject
    KafkaClients clients;

    @Inject
    ReplyConfig config;

    @Inject
    Outbox outbox;

    @BeforeAll
    static void setUp() {
        Staff.hire();
        KafkaBroker.shared().createTopic(ReplyConfig.STATUS_TOPIC, 1);
    }

    static long reply(long conversation, String inReplyTo, String text) {
        return agent().contentType(ContentType.JSON)
                .body("{\"text\":\"" + text + "\",\"inReplyTo\":\"" + inReplyTo + "\"}")
                .post("/api/conversations/" + conversation + "/replies").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** The reply once its delivery state is {@code state}. */
    static JsonPath awaitState(long replyId, String state) {
        return ReplyTopic.await("reply " + replyId + " " + state, () -> {
            JsonPath reply = agent().get("/api/replies/" + replyId).then().statusCode(200).extract().jsonPath();
            return state.equals(reply.getString("delivery.state")) ? reply : null;
        });
    }

    @Test
    void aReplyIsPublishedOnceAsAPostEnvelopeKeyedByItsConversation() {
        String postId = uniqueId();
        long conversation = conversation(postId, "jane_doe");
        agent().get("/api/replies/channels").then().statusCode(200).body("x", equalTo(true));
        long id = reply(conversation, postId, "We are on it");
        io.restassured.RestAssured.get("/q/health/ready").then()
                .body("checks.find { it.name == 'reply-relay' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'reply-relay' }.data.enabled", equalTo(true));
        JsonPath published = awaitState(id, "published");
        assertEquals(true, published.getBoolean("delivery.channelConnected"));

        List<TopicRecords.Published> records = ReplyTopic.of(id);
        assertEquals(1, records.size(), "published exactly once: " + records);
        TopicRecords.Published record = records.get(0);
        assertEquals(Long.toString(conversation), record.key());
        assertEquals(published.getString("externalId"), record.value().path("id").asText());
        assertEquals("x", record.value().path("platform").asText());
        assertEquals("AcmeSupport", record.value().path("author").path("handle").asText());
        assertEquals("We are on it", record.value().path("text").asText());
        assertEquals(postId, record.value().path("in_reply_to").asText());
        assertEquals(1, record.value().path("attempt").asInt());
    }

    @Test
    void deliveryReportsMoveRepliesToSentOrFailedAndAFailedReplyCanBeRetried() {
        String postId = uniqueId();
        long conversation = conversation(postId, "jane_doe");
        long sent = reply(conversation, postId, "first");
        long failed = reply(conversation, postId, "second");
        awaitState(sent, "published");
        awaitState(failed, "published");
        ReplyTopic.report("{\"reply_id\":" + sent + ",\"status\":\"sent\",\"platform_id\":\"1600001\"}",
                "{\"reply_id\":\"" + failed + "\",\"status\":\"failed\",\"reason\":\"rate limited\"}");
        assertEquals("1600001", awaitState(sent, "sent").getString("delivery.platformId"));
        assertEquals("rate limited", awaitState(failed, "failed").getString("delivery.reason"));

        agent().post("/api/replies/" + failed + "/retry").then().statusCode(200);
        awaitState(failed, "published");
        List<TopicRecords.Published> attempts = ReplyTopic.of(failed);
        assertEquals(List.of(1, 2), attempts.stream().map(r -> r.value().path("attempt").asInt()).toList());

        // A late report about the first attempt does not undo the retry.
        ReplyTopic.report("{\"reply_id\":" + failed + ",\"status\":\"failed\",\"reason\":\"late\",\"attempt\":1}",
                "{\"reply_id\":" + failed + ",\"status\":\"sent\",\"platform_id\":\"1600002\",\"attempt\":2}");
        assertEquals("1600002", awaitState(failed, "sent").getString("delivery.platformId"));
        agent().get("/api/conversations/" + conversation).then()
                .body("messages.findAll { it.kind == 'reply' }.delivery.state", contains("sent", "sent"));
    }

    @Test
    void malformedDeliveryReportsBecomeDeadLettersAndTheConsumerGoesOn() {
        String postId = uniqueId();
        long conversation = conversation(postId, "jane_doe");
        long id = reply(conversation, postId, "hello");
        awaitState(id, "published");
        String unknown = "{\"reply_id\":987654321987,\"status\":\"sent\"}";
        ReplyTopic.report("{not json", "{\"reply_id\":" + id + ",\"status\":\"delivered\"}", unknown,
                "{\"reply_id\":" + id + ",\"status\":\"sent\",\"platform_id\":\"1600003\"}");
        awaitState(id, "sent");
        admin().get("/api/dead-letters?limit=50").then().statusCode(200)
                .body("items.source", hasItem(DeliveryReportSource.SOURCE))
                .body("items.payload", hasItem("{not json"))
                .body("items.reason", hasItem("status must be sent or failed"))
                .body("items.reason", hasItem("no reply 987654321987"));
    }

    @Test
    void aRelayThatCrashesAfterPublishingButBeforeMarkingDoesNotPublishAgainOnRestart() {
        String postId = uniqueId();
        long conversation = conversation(postId, "jane_doe");
        relay.stop();
        long id;
        try {
            id = reply(conversation, postId, "crash test");
            CrashAfterPublish store = new CrashAfterPublish(outbox);
            try (OutboxRelay session = OutboxRelay.open(clients, config, store)) {
                session.recover();
                store.armed = true;
                assertThrows(IllegalStateException.class, session::relayBatch);
            }
            assertEquals(1, ReplyTopic.of(id).size(), "the crashed session's transaction committed");
            agent().get("/api/replies/" + id).then().body("delivery.state", equalTo("queued"));
        } finally {
            relay.start();
        }
        awaitState(id, "published");
        long after = reply(conversation, postId, "after the restart");
        awaitState(after, "published");
        assertEquals(1, ReplyTopic.of(id).size(), "the restarted relay did not publish it again");
        assertEquals(1, ReplyTopic.of(after).size());
    }

    @Test
    void repliesWrittenDuringABrokerOutageAreAcceptedAndPublishedOnceWhenItReturns() {
        String postId = uniqueId();
        long conversation = conversation(postId, "jane_doe");
        KafkaBroker broker = KafkaBroker.shared();
        broker.stop();
        long id;
        try {
            id = reply(conversation, postId, "written while Kafka is down");
            agent().get("/api/replies/" + id).then().body("delivery.state", equalTo("queued"));
        } finally {
            broker.start();
        }
        awaitState(id, "published");
        assertEquals(1, ReplyTopic.of(id).size());
    }

    /** The real outbox, except that marking rows published fails once armed: a crash right after the Kafka commit. */
    static final class CrashAfterPublish implements OutboxStore {

        private final OutboxStore outbox;
        volatile boolean armed;

        CrashAfterPublish(OutboxStore outbox) {
            this.outbox = outbox;
        }

        @Override
        public List<Waiting> waiting(int limit) {
            return outbox.waiting(limit);
        }

        @Override
        public void markPublished(Collection<RelayPosition.Row> rows) {
            if (armed) {
                throw new IllegalStateException("crash between the Kafka commit and the database update");
            }
            outbox.markPublished(rows);
        }
    }
}
