package io.earshot.reply;

import static io.earshot.conversation.Staff.agent;
import static io.earshot.conversation.Staff.analyst;
import static io.earshot.conversation.Staff.conversation;
import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.earshot.conversation.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** /api/canned-replies: admins write them, everyone reads them, placeholders are filled for the post answered. */
@QuarkusTest
class CannedReplyApiTest {

    private static final String TEMPLATE = "Hi @{author}, {agent} here: sorry about {that}.";

    @BeforeAll
    static void staff() {
        Staff.hire();
    }

    private static long create(String name, String text) {
        return admin().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"text\":\"" + text + "\"}")
                .post("/api/canned-replies").then().statusCode(201)
                .header("Location", containsString("/api/canned-replies/"))
                .extract().jsonPath().getLong("id");
    }

    @Test
    void adminsWriteCannedRepliesAndEveryoneReadsThem() {
        String name = "Sorry " + uniqueWord();
        long id = create(name, TEMPLATE);
        agent().get("/api/canned-replies").then().statusCode(200).body("name", hasItem(name));
        analyst().get("/api/canned-replies/" + id).then().statusCode(200).body("text", equalTo(TEMPLATE));

        admin().contentType(ContentType.JSON).body("{\"name\":\"" + name + " v2\",\"text\":\"Hello {author}\"}")
                .put("/api/canned-replies/" + id).then().statusCode(200).body("name", equalTo(name + " v2"));
        admin().delete("/api/canned-replies/" + id).then().statusCode(204);
        agent().get("/api/canned-replies").then().body("id", not(hasItem((int) id)));
        admin().get("/api/canned-replies/" + id).then().statusCode(404);
    }

    @Test
    void agentsAndAnalystsCannotWriteCannedReplies() {
        long id = create("Thanks " + uniqueWord(), "Thanks!");
        for (var as : new io.restassured.specification.RequestSpecification[] { agent(), analyst() }) {
            as.contentType(ContentType.JSON).body("{\"name\":\"x\",\"text\":\"y\"}").post("/api/canned-replies")
                    .then().statusCode(403);
        }
        agent().contentType(ContentType.JSON).body("{\"name\":\"x\",\"text\":\"y\"}").put("/api/canned-replies/" + id)
                .then().statusCode(403);
        analyst().delete("/api/canned-replies/" + id).then().statusCode(403);
    }

    @Test
    void invalidAndDuplicateCannedRepliesAreRefused() {
        String name = "Dup " + uniqueWord();
        create(name, "text");
        admin().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"text\":\"other\"}")
                .post("/api/canned-replies").then().statusCode(409);
        admin().contentType(ContentType.JSON).body("{\"name\":\" \",\"text\":\"t\"}").post("/api/canned-replies")
                .then().statusCode(400);
        admin().contentType(ContentType.JSON).body("{\"name\":\"n " + uniqueWord() + "\",\"text\":\"\"}")
                .post("/api/canned-replies").then().statusCode(400);
    }

    @Test
    void expandingFillsInTheAuthorOfThePostAnsweredAndTheAgent() {
        long id = create("Expand " + uniqueWord(), TEMPLATE);
        String postId = uniqueId();
        long conversation = conversation(postId, "jane_doe");
        agent().queryParam("conversation", conversation).queryParam("inReplyTo", postId)
                .get("/api/canned-replies/" + id + "/expand").then().statusCode(200)
                .body("text", equalTo("Hi @jane_doe, " + Staff.AGENT + " here: sorry about {that}."));
        agent().queryParam("conversation", conversation).get("/api/canned-replies/" + id + "/expand").then()
                .statusCode(200).body("text", containsString("@jane_doe"));
        agent().queryParam("conversation", conversation).queryParam("inReplyTo", "not-in-it")
                .get("/api/canned-replies/" + id + "/expand").then().statusCode(400);
        agent().get("/api/canned-replies/" + id + "/expand").then().statusCode(400);
    }
}
