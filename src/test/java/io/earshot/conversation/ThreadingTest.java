package io.earshot.conversation;

import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.conversationOf;
import static io.earshot.testing.Api.ndjson;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.earshot.testing.SqlNumber;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
public class ThreadingTest {

    @Inject
    EntityManager em;

    @Test
    void aReplyArrivingBeforeItsParentJoinsTheThreadWhenTheParentComes() {
        String word = uniqueWord();
        rule("ooo " + word, word);
        String root = uniqueId();
        String reply = uniqueId();
        String replyToReply = uniqueId();
        String rootPost = post(root, "a", "my " + word + " broke");
        String replyPost = post(reply, "b", "same here", root);
        String replyToReplyPost = post(replyToReply, "c", "me too", reply);
        // Unmatched replies arrive first, deepest first; then the matching root.
        ndjson(replyToReplyPost);
        ndjson(replyPost);
        assertNull(conversationOf(reply), "a reply with no known parent waits");
        ndjson(rootPost);

        Long conversation = conversationOf(root);
        assertNotNull(conversation);
        assertEquals(conversation, conversationOf(reply));
        assertEquals(conversation, conversationOf(replyToReply));
        admin().get("/api/conversations/" + conversation).then().statusCode(200)
                .body("messageCount", equalTo(3))
                .body("messages.externalId", equalTo(java.util.List.of(root, reply, replyToReply)));
    }

    @Test
    void orderInsideOneBatchDoesNotMatter() {
        String word = uniqueWord();
        rule("batch " + word, word);
        String root = uniqueId();
        String reply = uniqueId();
        ndjson(post(reply, "b", "agreed", root), post(root, "a", word + " rocks"));
        assertNotNull(conversationOf(root));
        assertEquals(conversationOf(root), conversationOf(reply));
    }

    @Test
    void twoConversationsThatTurnOutToBeOneTreeAreMerged() {
        String word = uniqueWord();
        rule("merge " + word, word);
        String a = uniqueId();
        String b = uniqueId();
        String c = uniqueId();
        ndjson(post(a, "x1", "first " + word));
        String onlyInC = uniqueWord();
        ndjson(post(c, "x3", "second " + word + " " + onlyInC, b));
        Long first = conversationOf(a);
        Long second = conversationOf(c);
        assertNotNull(first);
        assertNotNull(second);
        org.junit.jupiter.api.Assertions.assertNotEquals(first, second);

        ndjson(post(b, "x2", "the missing link", a));

        assertEquals(first, conversationOf(b));
        assertEquals(first, conversationOf(c));
        admin().get("/api/conversations/" + first).then().statusCode(200).body("messageCount", equalTo(3));
        admin().get("/api/conversations/" + second).then().statusCode(404);
        // No foreign key guards these rows (V10): the merge itself must leave none behind.
        assertEquals(0, rowsPointingAt(second, "message", "conversation_rule"));
        // Re-indexed with the batch that merged them: searchable under the surviving conversation at once.
        admin().queryParam("q", onlyInC).get("/api/search").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].postId", equalTo(c))
                .body("items[0].conversationId", equalTo(first.intValue()));
    }

    @Test
    void theSamePostTwiceChangesNothing() {
        String word = uniqueWord();
        rule("dup " + word, word);
        String id = uniqueId();
        String line = post(id, "a", word + " again");
        ndjson(line, line).body("accepted", equalTo(2));
        ndjson(line);
        Long conversation = conversationOf(id);
        admin().get("/api/conversations/" + conversation).then().statusCode(200).body("messageCount", equalTo(1));
    }

    @Test
    void aReplyCycleIsStoredOnceWithoutLooping() {
        String word = uniqueWord();
        rule("cycle " + word, word);
        String a = uniqueId();
        String b = uniqueId();
        ndjson(post(a, "p", word + " one", b), post(b, "q", "two", a));
        assertNotNull(conversationOf(a));
        assertEquals(conversationOf(a), conversationOf(b));
    }

    @Test
    void aNewInboundReplyReopensAClosedConversation() {
        String brandPost = uniqueId();
        ndjson(post(brandPost, "AcmeSupport", "Happy holidays from Acme"));
        Long conversation = conversationOf(brandPost);
        admin().get("/api/conversations/" + conversation).then().body("status", equalTo("closed"));
        ndjson(post(uniqueId(), "fan", "thanks!", brandPost));
        admin().get("/api/conversations/" + conversation).then().body("status", equalTo("open"));
    }

    @Test
    void aReplyToAHeldReplyJoinsWhenTheHeldReplyIsReleasedInTheSameBatch() {
        String word = uniqueWord();
        rule("held chain " + word, word);
        String root = uniqueId();
        String held = uniqueId();
        String late = uniqueId();
        String rootPost = post(root, "a", "the " + word + " is late");
        String heldPost = post(held, "b", "mine too", root);
        String latePost = post(late, "c", "any news?", held);
        ndjson(heldPost);
        ndjson(rootPost, latePost);
        Long conversation = conversationOf(root);
        assertNotNull(conversation);
        assertEquals(conversation, conversationOf(held));
        assertEquals(conversation, conversationOf(late));
    }

    private long rowsPointingAt(long conversationId, String... tables) {
        long rows = 0;
        for (String table : tables) {
            rows += SqlNumber.of(em, "select count(*) from " + table + " where conversation_id = ?1", conversationId);
        }
        return rows;
    }
}
