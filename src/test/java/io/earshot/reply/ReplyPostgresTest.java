package io.earshot.reply;

import static io.earshot.conversation.Staff.agent;
import static io.earshot.conversation.Staff.analyst;
import static io.earshot.conversation.Staff.conversation;
import static io.earshot.reply.ReplyKafkaTest.awaitState;
import static io.earshot.reply.ReplyKafkaTest.reply;
import static io.earshot.testing.Api.uniqueId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.earshot.conversation.Staff;
import io.earshot.testing.KafkaBroker;
import io.earshot.testing.PostgresKafkaProfile;
import io.earshot.testing.RequiresPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The main flow on PostgreSQL and Kafka: triage, a note, a reply published once and reported sent. */
@QuarkusTest
@TestProfile(ReplyPostgresTest.Profile.class)
@RequiresPostgres
class ReplyPostgresTest {

    /**
     * PostgreSQL and Kafka, with a relay position of its own: the H2 tests' relay shares the broker, and a
     * position belongs to one database.
     */
    public static class Profile extends PostgresKafkaProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("earshot.reply.transactional-id", "earshot-reply-relay-postgres-test");
            overrides.put("earshot.reply.relay-group", "earshot-reply-relay-postgres-test");
            overrides.put("earshot.reply.status-group", "earshot-reply-status-postgres-test");
            return overrides;
        }
    }

    @BeforeAll
    static void setUp() {
        Staff.hire();
        KafkaBroker.shared().createTopic(ReplyConfig.STATUS_TOPIC, 1);
    }

    @Test
    void anAgentTriagesNotesAndRepliesAndTheReplyIsPublishedOnceAndReportedSent() {
        String postId = uniqueId();
        long conversation = conversation(postId, "jane_doe");
        agent().contentType(ContentType.JSON).body("{\"assignee\":\"" + Staff.AGENT + "\",\"addTags\":[\"Refund\"],"
                + "\"priority\":\"high\"}").patch("/api/conversations/" + conversation).then().statusCode(200)
                .body("tags", contains("refund"));
        agent().contentType(ContentType.JSON).body("{\"text\":\"@" + Staff.OTHER_AGENT + " FYI\"}")
                .post("/api/conversations/" + conversation + "/notes").then().statusCode(201)
                .body("mentions", contains(Staff.OTHER_AGENT));
        long id = reply(conversation, postId, "Refund on its way");
        awaitState(id, "published");
        assertEquals(1, ReplyTopic.of(id).size());
        ReplyTopic.report("{\"reply_id\":" + id + ",\"status\":\"sent\",\"platform_id\":\"1700001\"}");
        awaitState(id, "sent");
        analyst().get("/api/conversations/" + conversation).then().statusCode(200)
                .body("assignee", equalTo(Staff.AGENT))
                .body("messages.kind", contains("post", "reply"))
                .body("messages[1].delivery.platformId", equalTo("1700001"))
                .body("audit.action", contains("assign", "priority", "tag", "note", "reply"));
    }
}
