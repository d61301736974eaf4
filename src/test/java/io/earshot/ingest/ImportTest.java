package io.earshot.ingest;

import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.conversationOf;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
public class ImportTest {

    @Test
    void aMessyTwcsExportImportsAsThreadedConversations() {
        String word = uniqueWord();
        long ruleId = rule("twcs " + word, "@AcmeSupport AND " + word);
        long base = Math.abs(java.util.UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) * 10;
        String question = Long.toString(base + 1);
        String answer = Long.toString(base + 2);
        String followUp = Long.toString(base + 3);
        // A pandas export: leading unnamed index column, float ids, text with a newline and a bare CR.
        String csv = ",tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
                + "0," + question + ".0,115712,True,Tue Oct 31 22:10:47 +0000 2017,\"@AcmeSupport my " + word
                + " is broken\nhelp\"," + answer + ",\n"
                + "1," + answer + ".0,AcmeSupport,False,Tue Oct 31 22:12:00 +0000 2017,\"@115712 sorry!\rDM us\","
                + followUp + "," + question + ".0\n"
                + "2," + followUp + ".0,115712,True,Tue Oct 31 22:15:00 +0000 2017,thanks,," + answer + ".0\n"
                + "3,42.0,115713,True,not a date,\"@AcmeSupport " + word + "\",,\n";
        admin().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .queryParam("format", "twcs")
                .post("/api/import")
                .then().statusCode(200)
                .body("accepted", equalTo(3))
                .body("rejected", equalTo(1))
                .body("matched", equalTo(1))
                .body("errors[0].reason", containsString("created_at"));

        Long conversation = conversationOf(question);
        assertNotNull(conversation);
        assertEquals(conversation, conversationOf(answer));
        assertEquals(conversation, conversationOf(followUp));
        admin().get("/api/conversations/" + conversation).then().statusCode(200)
                .body("messageCount", equalTo(3))
                .body("messages.direction", equalTo(java.util.List.of("inbound", "outbound", "inbound")))
                .body("messages[0].text", equalTo("@AcmeSupport my " + word + " is broken\nhelp"))
                .body("messages[1].text", equalTo("@115712 sorry!\rDM us"))
                .body("rules[0].id", equalTo((int) ruleId));
    }

    @Test
    void anNdjsonFileImportsLikePostedNdjson() {
        String word = uniqueWord();
        rule("ndjson import " + word, word);
        String a = uniqueId();
        String body = post(a, "a", word + " one") + "\n\n" + "garbage\n" + post(uniqueId(), "b", "other", a) + "\n";
        admin().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .queryParam("format", "ndjson").post("/api/import")
                .then().statusCode(200)
                .body("accepted", equalTo(2)).body("rejected", equalTo(1)).body("matched", equalTo(1));
        admin().get("/api/conversations/" + conversationOf(a)).then().body("messageCount", equalTo(2));
    }

    @Test
    void anUnknownFormatIsRefused() {
        admin().contentType("text/plain").body("x".getBytes(StandardCharsets.UTF_8)).queryParam("format", "xml")
                .post("/api/import").then().statusCode(400).body("detail", containsString("ndjson or twcs"));
    }
}
