package io.earshot.conversation;

import static io.earshot.conversation.Staff.agent;
import static io.earshot.conversation.Staff.analyst;
import static io.earshot.conversation.Staff.conversation;
import static io.earshot.testing.Api.uniqueId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST /api/conversations/{id}/notes: internal notes with @mentions of teammates. */
@QuarkusTest
class NotesApiTest {

    @BeforeAll
    static void staff() {
        Staff.hire();
    }

    @Test
    void aNoteMentionsTeammatesAndLeavesUnknownNamesAsText() {
        long id = conversation(uniqueId(), "pat");
        String text = "@" + Staff.OTHER_AGENT + " can you take this? cc @nobody-here, mail pat@example.com";
        agent().contentType(ContentType.JSON).body("{\"text\":\"" + text + "\"}")
                .post("/api/conversations/" + id + "/notes").then().statusCode(201)
                .body("author", equalTo(Staff.AGENT))
                .body("text", equalTo(text))
                .body("mentions", contains(Staff.OTHER_AGENT));
        analyst().get("/api/conversations/" + id).then().statusCode(200)
                .body("notes.text", contains(text))
                .body("notes[0].mentions", contains(Staff.OTHER_AGENT))
                .body("audit.action", contains("note"))
                .body("messages.kind", contains("post"));
    }

    @Test
    void blankNotesAndAnalystsAreRefused() {
        long id = conversation(uniqueId(), "pat");
        agent().contentType(ContentType.JSON).body("{\"text\":\"  \"}").post("/api/conversations/" + id + "/notes")
                .then().statusCode(400);
        agent().contentType(ContentType.JSON).body("{}").post("/api/conversations/" + id + "/notes")
                .then().statusCode(400);
        analyst().contentType(ContentType.JSON).body("{\"text\":\"hi\"}").post("/api/conversations/" + id + "/notes")
                .then().statusCode(403);
        agent().contentType(ContentType.JSON).body("{\"text\":\"hi\"}").post("/api/conversations/" + Long.MAX_VALUE + "/notes")
                .then().statusCode(404);
    }
}
