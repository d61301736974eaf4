package io.earshot.ingest;

import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.conversationOf;
import static io.earshot.testing.Api.ndjson;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
public class PostIngestTest {

    @Test
    void aMatchingPostBecomesAConversationThatCanBeReadBack() {
        String word = uniqueWord();
        long ruleId = rule("single " + word, word);
        String id = uniqueId();
        admin().contentType(ContentType.JSON).body(post(id, "jane_doe", "my " + word + " never arrived #Fail"))
                .post("/api/posts")
                .then().statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(0)).body("matched", equalTo(1));

        Long conversation = conversationOf(id);
        assertNotNull(conversation);
        admin().queryParam("rule", ruleId).get("/api/conversations")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(conversation.intValue()))
                .body("items[0].status", equalTo("open"))
                .body("items[0].priority", equalTo("normal"))
                .body("items[0].messageCount", equalTo(1))
                .body("items[0].rules[0].id", equalTo((int) ruleId))
                .body("items[0].root.externalId", equalTo(id))
                .body("items[0].root.author", equalTo("jane_doe"))
                .body("next", equalTo(null));
        admin().get("/api/conversations/" + conversation)
                .then().statusCode(200)
                .body("messages", hasSize(1))
                .body("messages[0].externalId", equalTo(id))
                .body("messages[0].platform", equalTo("x"))
                .body("messages[0].direction", equalTo("inbound"))
                .body("messages[0].text", containsString(word))
                .body("rules.name", hasItem("single " + word));
    }

    @Test
    void ndjsonWithBadLinesKeepsTheGoodOnesAndDeadLettersTheRestWithReasons() {
        String word = uniqueWord();
        rule("ndjson " + word, word);
        String good = uniqueId();
        String unmatched = uniqueId();
        ndjson(post(good, "a", word + " is great"),
                "{not json",
                "{\"id\":\"1\",\"platform\":\"x\",\"text\":\"no author\",\"created_at\":\"2026-11-25T09:14:03Z\"}",
                "{\"id\":\"2\",\"platform\":\"x\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":\"yesterday\"}",
                post(unmatched, "b", "nothing to see here"))
                .body("accepted", equalTo(2))
                .body("rejected", equalTo(3))
                .body("matched", equalTo(1))
                .body("errors.line", equalTo(java.util.List.of("2", "3", "4")))
                .body("errors[1].reason", containsString("author"))
                .body("errors[2].reason", containsString("created_at"));
        assertNotNull(conversationOf(good));
        assertNull(conversationOf(unmatched), "a post that matches nothing is dropped");
        admin().get("/api/dead-letters").then().statusCode(200)
                .body("items.reason", hasItem(containsString("malformed JSON")))
                .body("items.payload", hasItem("{not json"));
    }

    @Test
    void aJsonArrayIsOneBatch() {
        String word = uniqueWord();
        rule("array " + word, "#" + word);
        admin().contentType(ContentType.JSON)
                .body("[" + post(uniqueId(), "a", "love #" + word) + "," + post(uniqueId(), "b", "plain " + word) + "]")
                .post("/api/posts").then().statusCode(200)
                .body("accepted", equalTo(2)).body("matched", equalTo(1));
    }

    @Test
    void aSingleRefusedPostIsABadRequestWithTheReason() {
        admin().contentType(ContentType.JSON).body("{\"id\":\"9\",\"platform\":\"x\"}")
                .post("/api/posts").then().statusCode(400)
                .body("rejected", equalTo(1)).body("errors[0].reason", containsString("author"));
        admin().contentType(ContentType.JSON).body("[{\"id\":").post("/api/posts")
                .then().statusCode(400).body("error", equalTo("malformed JSON"));
    }

    @Test
    void postsByTheBrandAreOutboundAndRepliesToThemEnterTheInbox() {
        String brandPost = uniqueId();
        String reply = uniqueId();
        ndjson(post(brandPost, "AcmeSupport", "Our new widget ships today"),
                post(reply, "fan", "cannot wait", brandPost));
        Long conversation = conversationOf(brandPost);
        assertNotNull(conversation);
        admin().get("/api/conversations/" + conversation).then().statusCode(200)
                .body("status", equalTo("open"))
                .body("messages.direction", equalTo(java.util.List.of("outbound", "inbound")));
    }

    @Test
    void ingestNeedsAnAdmin() {
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(post(uniqueId(), "a", "x"))
                .post("/api/posts").then().statusCode(401);
    }

    @Test
    void ndjsonSentWithoutAnNdjsonContentTypeIsStillReadLineByLine() {
        String word = uniqueWord();
        rule("curl default " + word, word);
        String body = post(uniqueId(), "a", word + " one") + "\n" + post(uniqueId(), "b", word + " two") + "\n";
        admin().contentType("text/plain").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/posts").then().statusCode(200)
                .body("accepted", equalTo(2)).body("matched", equalTo(2));
    }

    @Test
    void aBatchOfManyChunksKeepsEachRecordsOutcomeAtItsLine() {
        // Larger than a matching chunk (100), so its chunks are parsed and matched on several threads.
        String word = uniqueWord();
        rule("chunks " + word, word);
        int lines = 350;
        String[] body = new String[lines];
        java.util.List<String> badLines = new java.util.ArrayList<>();
        java.util.List<String> matching = new java.util.ArrayList<>();
        java.util.List<String> plain = new java.util.ArrayList<>();
        for (int i = 0; i < lines; i++) {
            String id = uniqueId();
            if (i % 37 == 5) {
                body[i] = "{broken " + i;
                badLines.add(Integer.toString(i + 1));
            } else if (i % 3 == 0) {
                body[i] = post(id, "a" + i, word + " line " + i);
                matching.add(id);
            } else {
                body[i] = post(id, "b" + i, "nothing at line " + i);
                plain.add(id);
            }
        }
        ndjson(body)
                .body("accepted", equalTo(lines - badLines.size()))
                .body("rejected", equalTo(badLines.size()))
                .body("matched", equalTo(matching.size()))
                .body("errors.line", equalTo(badLines));
        for (String id : matching) {
            assertNotNull(conversationOf(id), "matching post " + id);
        }
        for (String id : plain.subList(0, 20)) {
            assertNull(conversationOf(id), "post that matches nothing " + id);
        }
    }
}
