package io.earshot.reply;

import static io.earshot.conversation.Staff.agent;
import static io.earshot.conversation.Staff.analyst;
import static io.earshot.conversation.Staff.conversation;
import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.conversationOf;
import static io.earshot.testing.Api.ndjson;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.earshot.conversation.Message;
import io.earshot.conversation.Staff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** POST /api/conversations/{id}/replies with Kafka off: stored, queued with an outbox row, shown in the thread. */
@QuarkusTest
class ReplyApiTest {

    @Inject
    Outbox outbox;

    @BeforeAll
    static void staff() {
        Staff.hire();
    }

    static ValidatableResponse reply(long conversation, String inReplyTo, String text) {
        return agent().contentType(ContentType.JSON)
                .body("{\"text\":\"" + text + "\",\"inReplyTo\":\"" + inReplyTo + "\"}")
                .post("/api/conversations/" + conversation + "/replies").then();
    }

    @Test
    void aReplyIsStoredQueuedWithAnOutboxRowAndShownInTheThreadAsOutbound() {
        String postId = uniqueId();
        long conversation = conversation(postId, "jane_doe");
        var created = reply(conversation, postId, "So sorry, DM us your order number").statusCode(201)
                .body("kind", equalTo("reply"))
                .body("direction", equalTo("outbound"))
                .body("author", equalTo("AcmeSupport"))
                .body("inReplyTo", equalTo(postId))
                .body("delivery.state", equalTo("queued"))
                .body("delivery.agent", equalTo(Staff.AGENT))
                .body("delivery.channelConnected", equalTo(false))
                .extract();
        long id = created.jsonPath().getLong("id");
        assertEquals("/api/replies/" + id, java.net.URI.create(created.header("Location")).getPath());

        analyst().get("/api/conversations/" + conversation).then().statusCode(200)
                .body("messages.kind", contains("post", "reply"))
                .body("messages[1].text", equalTo("So sorry, DM us your order number"))
                .body("messages[1].delivery.state", equalTo("queued"))
                .body("audit.action", contains("reply"));
        Long outboxRows = QuarkusTransaction.requiringNew()
                .call(() -> OutboxEntry.count("replyId = ?1 and publishedAt is null", id));
        assertEquals(1L, outboxRows, "one waiting outbox row, written with the reply");
        agent().get("/api/replies/channels").then().statusCode(200).body("x", equalTo(false));
        io.restassured.RestAssured.get("/q/health/ready").then()
                .body("checks.find { it.name == 'reply-relay' }.data.enabled", equalTo(false));
    }

    @Test
    void analystsCannotReply() {
        String postId = uniqueId();
        long conversation = conversation(postId, "jane_doe");
        analyst().contentType(ContentType.JSON).body("{\"text\":\"hi\",\"inReplyTo\":\"" + postId + "\"}")
                .post("/api/conversations/" + conversation + "/replies").then().statusCode(403);
        analyst().get("/api/conversations/" + conversation).then().body("messages.kind", contains("post"));
    }

    @Test
    void aReplyMustAnswerAPostOfItsConversationWithSomeText() {
        String postId = uniqueId();
        long conversation = conversation(postId, "jane_doe");
        String elsewhere = uniqueId();
        conversation(elsewhere, "kim");
        reply(conversation, elsewhere, "hi").statusCode(400).body("detail", containsString("not in conversation"));
        reply(conversation, postId, "   ").statusCode(400).body("detail", containsString("text is required"));
        agent().contentType(ContentType.JSON).body("{\"text\":\"hi\"}").post("/api/conversations/" + conversation + "/replies")
                .then().statusCode(400).body("detail", containsString("inReplyTo"));
        reply(Long.MAX_VALUE, postId, "hi").statusCode(404);
    }

    @Test
    void onXTheWeightedLengthMustNotPass280() {
        String postId = uniqueId();
        long conversation = conversation(postId, "jane_doe");
        reply(conversation, postId, "a".repeat(281)).statusCode(400)
                .body("detail", equalTo("text is 281 characters long; x allows 280"));
        reply(conversation, postId, "a".repeat(280)).statusCode(201);
        // A URL counts 23 whatever its length: 23 + 1 + 256 = 280.
        reply(conversation, postId, "https://example.com/" + "p".repeat(200) + " " + "a".repeat(256)).statusCode(201);
        // Most CJK characters count 2: 141 of them weigh 282.
        reply(conversation, postId, "\u6f22".repeat(141)).statusCode(400);
    }

    @Test
    void otherPlatformsUseTheConfiguredLimit() {
        String word = uniqueWord();
        rule("mastodon " + word, word);
        String postId = uniqueId();
        admin().contentType(ContentType.JSON).body("{\"id\":\"" + postId + "\",\"platform\":\"mastodon\","
                + "\"author\":{\"handle\":\"ann\"},\"text\":\"" + word + "\",\"created_at\":\"2026-02-01T00:00:00Z\"}")
                .post("/api/posts").then().statusCode(200);
        long conversation = QuarkusTransaction.requiringNew().call(() -> Message
                .<Message>find("platform = 'mastodon' and externalId = ?1", postId).firstResult().conversationId);
        reply(conversation, postId, "a".repeat(5001)).statusCode(400).body("detail", containsString("mastodon allows 5000"));
        reply(conversation, postId, "a".repeat(5000)).statusCode(201).body("author", equalTo(null))
                .body("delivery.channelConnected", equalTo(false));
    }

    @Test
    void aRelayPositionMarksOnlyRowsWhoseCheckMatchesTheirReply() {
        String postId = uniqueId();
        long conversation = conversation(postId, "jane_doe");
        long id = reply(conversation, postId, "hello").statusCode(201).extract().jsonPath().getLong("id");
        OutboxEntry row = QuarkusTransaction.requiringNew().call(() -> OutboxEntry.find("replyId", id).firstResult());
        String externalId = QuarkusTransaction.requiringNew().call(() -> Reply.<Reply>findById(id).externalId);
        String wrong = RelayPosition.check(externalId).equals("00000000") ? "11111111" : "00000000";
        outbox.markPublished(List.of(new RelayPosition.Row(row.id, wrong)));
        agent().get("/api/replies/" + id).then().body("delivery.state", equalTo("queued"));
        outbox.markPublished(List.of(new RelayPosition.Row(row.id, RelayPosition.check(externalId))));
        agent().get("/api/replies/" + id).then().body("delivery.state", equalTo("published"));
    }

    @Test
    void aTeammatesAnswerSinceOpeningTheConversationMustBeConfirmed() {
        String postId = uniqueId();
        long conversation = conversation(postId, "jane_doe");
        Instant openedAt = Instant.now().minusSeconds(1);
        String mine = "{\"text\":\"mine\",\"inReplyTo\":\"" + postId + "\",\"openedAt\":\"" + openedAt + "\"";
        agent().contentType(ContentType.JSON).body(mine + "}").post("/api/conversations/" + conversation + "/replies")
                .then().statusCode(201);
        // My own reply is no reason to stop me.
        agent().contentType(ContentType.JSON).body(mine + "}").post("/api/conversations/" + conversation + "/replies")
                .then().statusCode(201);
        Staff.as(Staff.OTHER_AGENT).contentType(ContentType.JSON)
                .body("{\"text\":\"theirs\",\"inReplyTo\":\"" + postId + "\"}")
                .post("/api/conversations/" + conversation + "/replies").then().statusCode(201);
        agent().contentType(ContentType.JSON).body(mine + "}").post("/api/conversations/" + conversation + "/replies")
                .then().statusCode(409).body("error", equalTo("answered meanwhile"))
                .body("detail", containsString(Staff.OTHER_AGENT + " answered this conversation"));
        agent().contentType(ContentType.JSON).body(mine + ",\"confirm\":true}")
                .post("/api/conversations/" + conversation + "/replies").then().statusCode(201);
        agent().get("/api/conversations/" + conversation).then()
                .body("messages.findAll { it.kind == 'reply' }.text", contains("mine", "mine", "theirs", "mine"));
    }

    @Test
    void whenTwoConversationsMergeTheSurvivorKeepsTheRepliesNotesAndAuditOfBoth() {
        String word = uniqueWord();
        rule("merge " + word, word);
        String question = uniqueId();
        String lateParent = uniqueId();
        String reply = uniqueId();
        ndjson(post(question, "ann", "first " + word));
        ndjson(post(reply, "bob", "also " + word, lateParent));
        long survivor = conversationOf(question);
        long absorbed = conversationOf(reply);
        reply(absorbed, reply, "answer in the absorbed one").statusCode(201);
        agent().contentType(ContentType.JSON).body("{\"text\":\"note in the absorbed one\"}")
                .post("/api/conversations/" + absorbed + "/notes").then().statusCode(201);

        // The late parent answers the first post and is answered by the second: one tree.
        ndjson(post(lateParent, "cy", "linking", question));
        assertEquals(survivor, conversationOf(reply));
        agent().get("/api/conversations/" + absorbed).then().statusCode(404);
        agent().get("/api/conversations/" + survivor).then().statusCode(200)
                .body("messages.findAll { it.kind == 'reply' }.text", contains("answer in the absorbed one"))
                .body("notes.text", contains("note in the absorbed one"))
                .body("audit.action", contains("reply", "note"));
    }

    @Test
    void onlyFailedRepliesAreRetried() {
        String postId = uniqueId();
        long conversation = conversation(postId, "jane_doe");
        long id = reply(conversation, postId, "hello").statusCode(201).extract().jsonPath().getLong("id");
        agent().post("/api/replies/" + id + "/retry").then().statusCode(409);
        analyst().post("/api/replies/" + id + "/retry").then().statusCode(403);
        agent().post("/api/replies/" + Long.MAX_VALUE + "/retry").then().statusCode(404);
        Long failed = QuarkusTransaction.requiringNew().call(() -> {
            Reply r = Reply.findById(id);
            r.state = DeliveryState.FAILED;
            r.failureReason = "rate limited";
            return r.id;
        });
        agent().post("/api/replies/" + failed + "/retry").then().statusCode(200)
                .body("delivery.state", equalTo("queued")).body("delivery.attempts", equalTo(2));
        assertNull(agent().get("/api/replies/" + id).then().statusCode(200).extract().jsonPath().get("delivery.reason"));
        agent().get("/api/conversations/" + conversation).then().body("audit.action", hasItem("retry"));
        assertEquals(2L, QuarkusTransaction.requiringNew().call(() -> OutboxEntry.count("replyId", id)));
    }
}
