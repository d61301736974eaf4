package io.earshot.conversation;

import static io.earshot.conversation.Staff.agent;
import static io.earshot.conversation.Staff.analyst;
import static io.earshot.conversation.Staff.conversation;
import static io.earshot.testing.Api.uniqueId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** PATCH /api/conversations/{id}: triage by agents, validated, every change audited. */
@QuarkusTest
class TriageApiTest {

    @BeforeAll
    static void staff() {
        Staff.hire();
    }

    private static ValidatableResponse patch(long id, String body) {
        return agent().contentType(ContentType.JSON).body(body).patch("/api/conversations/" + id).then();
    }

    @Test
    void anAgentTriagesAConversationAndEachChangeIsAudited() {
        long id = conversation(uniqueId(), "pat");
        patch(id, "{\"status\":\"pending\",\"assignee\":\"" + Staff.OTHER_AGENT + "\",\"priority\":\"urgent\","
                + "\"addTags\":[\" Refund \",\"vip\"]}").statusCode(200)
                .body("status", equalTo("pending"))
                .body("assignee", equalTo(Staff.OTHER_AGENT))
                .body("priority", equalTo("urgent"))
                .body("tags", contains("refund", "vip"))
                .body("audit.action", contains("status", "assign", "priority", "tag", "tag"))
                .body("audit.actor", contains(Staff.AGENT, Staff.AGENT, Staff.AGENT, Staff.AGENT, Staff.AGENT))
                .body("audit[0].from", equalTo("open")).body("audit[0].to", equalTo("pending"))
                .body("audit[1].detail", equalTo("assigned to " + Staff.OTHER_AGENT))
                .body("audit[4].at", notNullValue());

        patch(id, "{\"status\":\"closed\",\"assignee\":null,\"removeTags\":[\"VIP\"]}").statusCode(200)
                .body("status", equalTo("closed")).body("assignee", nullValue()).body("tags", contains("refund"));
        agent().get("/api/conversations/" + id).then().statusCode(200)
                .body("audit.action", contains("status", "assign", "priority", "tag", "tag", "status", "assign", "untag"))
                .body("audit[6].detail", equalTo("unassigned " + Staff.OTHER_AGENT))
                .body("audit[7].from", equalTo("vip"));
    }

    @Test
    void settingTheSameValuesAgainLeavesNoAuditEntry() {
        long id = conversation(uniqueId(), "pat");
        patch(id, "{\"status\":\"open\",\"priority\":\"normal\",\"removeTags\":[\"never-set\"]}").statusCode(200)
                .body("audit", empty());
    }

    @Test
    void tagsReplaceTheWholeSet() {
        long id = conversation(uniqueId(), "pat");
        patch(id, "{\"tags\":[\"a\",\"b\"]}").statusCode(200).body("tags", contains("a", "b"));
        patch(id, "{\"tags\":[\"b\",\"c\"]}").statusCode(200).body("tags", contains("b", "c"))
                .body("audit.action", contains("tag", "tag", "untag", "tag"));
    }

    @Test
    void invalidTriageIsRefusedWithAClearReason() {
        long id = conversation(uniqueId(), "pat");
        patch(id, "{\"status\":\"done\"}").statusCode(400).body("detail", containsString("open, pending or closed"));
        patch(id, "{\"priority\":\"asap\"}").statusCode(400).body("detail", containsString("low, normal, high or urgent"));
        patch(id, "{\"assignee\":\"nobody-by-that-name\"}").statusCode(400)
                .body("detail", containsString("no user named"));
        patch(id, "{\"addTags\":[\"<script>\"]}").statusCode(400).body("error", equalTo("invalid tag"));
        patch(id, "{\"addTags\":[\"   \"]}").statusCode(400).body("detail", containsString("1-64"));
        patch(id, "{\"addTags\":[\"" + "t".repeat(65) + "\"]}").statusCode(400).body("detail", containsString("1-64"));
        patch(id, "{\"tags\":[\"a\"],\"addTags\":[\"b\"]}").statusCode(400);
        patch(id, "{\"colour\":\"red\"}").statusCode(400).body("detail", containsString("unknown field 'colour'"));
        patch(id, "{}").statusCode(400);
        patch(id, "{\"status\":3}").statusCode(400);
        agent().get("/api/conversations/" + id).then().body("audit", hasSize(0)).body("status", equalTo("open"));
        patch(Long.MAX_VALUE, "{\"status\":\"closed\"}").statusCode(404);
    }

    @Test
    void analystsReadButCannotTriage() {
        long id = conversation(uniqueId(), "pat");
        analyst().contentType(ContentType.JSON).body("{\"status\":\"closed\"}").patch("/api/conversations/" + id)
                .then().statusCode(403);
        analyst().get("/api/conversations/" + id).then().statusCode(200).body("status", equalTo("open"));
    }
}
