package io.earshot.conversation;

import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.conversationOf;
import static io.earshot.testing.Api.ndjson;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.earshot.account.Roles;
import io.earshot.account.User;
import io.earshot.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The inbox and thread pages over HTTP, as a browser session drives them (form log-in, CSRF token). */
@QuarkusTest
class InboxPageTest {

    private static final String PASSWORD = "inbox-page-password";
    private static final String AGENT = "inbox-agent";
    private static final String TEAMMATE = "inbox-teammate";
    private static final String ANALYST = "inbox-analyst";
    private static final Pattern ROW = Pattern.compile("<tr data-id=\"(\\d+)\" class=\"([^\"]*)\"");

    @BeforeAll
    static void users() {
        QuarkusTransaction.requiringNew().run(() -> {
            Map<String, String> roles = Map.of(AGENT, Roles.AGENT, TEAMMATE, Roles.AGENT, ANALYST, Roles.ANALYST);
            roles.forEach((name, role) -> {
                if (User.findByUsername(name).isEmpty()) {
                    User.add(name, PASSWORD, role);
                }
            });
        });
    }

    /** A browser-like session: the log-in cookies plus the CSRF cookie and header a page hands out. */
    private record Session(Map<String, String> cookies, String token) {

        /** A fresh request of this session (a REST Assured specification keeps the query of its last use). */
        RequestSpecification get() {
            return given().cookies(cookies).header("X-CSRF-Token", token);
        }
    }

    private static Session session(String username) {
        Map<String, String> cookies = new HashMap<>(Api.logIn(username, PASSWORD));
        String token = given().cookies(cookies).get("/inbox").then().statusCode(200).extract().cookie("earshot-csrf");
        cookies.put("earshot-csrf", token);
        return new Session(cookies, token);
    }

    private static RequestSpecification as(String username) {
        return session(username).get();
    }

    private static long conversation(String word) {
        String id = uniqueId();
        ndjson(post(id, "cust_" + word.substring(2, 8), "my " + word + " is broken"));
        return conversationOf(id);
    }

    /** The conversation ids of a rows fragment, with whether each is marked unread. */
    private static Map<Long, Boolean> rows(Session session, String query) {
        String html = session.get().get("/inbox/rows?" + query).then().statusCode(200).extract().asString();
        Map<Long, Boolean> rows = new HashMap<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            rows.put(Long.parseLong(m.group(1)), m.group(2).contains("unread"));
        }
        return rows;
    }

    private static void patch(long id, String json) {
        admin().contentType(ContentType.JSON).body(json).patch("/api/conversations/" + id).then().statusCode(200);
    }

    @Test
    void viewsAndFiltersCombineAndLiveInTheUrl() {
        String word = uniqueWord();
        long rule = rule("inbox " + word, word);
        long mine = conversation(word);
        long pending = conversation(word);
        long tagged = conversation(word);
        long untouched = conversation(word);
        patch(mine, "{\"assignee\":\"" + AGENT + "\"}");
        patch(pending, "{\"status\":\"pending\"}");
        patch(tagged, "{\"addTags\":[\"refund-" + word + "\"]}");
        Session agent = session(AGENT);

        assertEquals(List.of(untouched, tagged, mine).stream().sorted().toList(),
                rows(agent, "view=open&rule=" + rule).keySet().stream().sorted().toList());
        assertEquals(List.of(untouched, tagged).stream().sorted().toList(),
                rows(agent, "view=unassigned&rule=" + rule).keySet().stream().sorted().toList());
        assertEquals(List.of(mine), new ArrayList<>(rows(agent, "view=mine&rule=" + rule).keySet()));
        assertEquals(List.of(pending), new ArrayList<>(rows(agent, "view=pending&rule=" + rule).keySet()));
        assertEquals(List.of(tagged), new ArrayList<>(rows(agent, "view=all&tag=refund-" + word).keySet()));
        assertEquals(4, rows(agent, "view=all&rule=" + rule).size());
        agent.get().get("/inbox?view=bogus").then().statusCode(400);
    }

    @Test
    void bulkActionsChangeEverySelectedConversationAndAnalystsCannot() {
        String word = uniqueWord();
        rule("bulk " + word, word);
        long a = conversation(word);
        long b = conversation(word);
        as(AGENT).contentType(ContentType.URLENC).formParam("id", a).formParam("id", b).formParam("action", "tag")
                .formParam("value", "Bulk-" + word).formParam("view", "all").post("/inbox/bulk").then().statusCode(200);
        as(AGENT).contentType(ContentType.URLENC).formParam("id", a).formParam("id", b).formParam("action", "priority")
                .formParam("value", "urgent").formParam("view", "all").post("/inbox/bulk").then().statusCode(200);
        for (long id : List.of(a, b)) {
            admin().get("/api/conversations/" + id).then().body("tags", hasItem("bulk-" + word))
                    .body("priority", org.hamcrest.Matchers.equalTo("urgent"));
        }
        as(AGENT).contentType(ContentType.URLENC).formParam("id", a).formParam("action", "status")
                .formParam("value", "sideways").formParam("view", "all").post("/inbox/bulk").then().statusCode(200)
                .body(containsString("not a valid value"));
        as(ANALYST).contentType(ContentType.URLENC).formParam("id", a).formParam("action", "assign-me")
                .formParam("view", "all").post("/inbox/bulk").then().statusCode(403);
    }

    @Test
    void aPageRequestWithoutTheCsrfTokenIsRefused() {
        String word = uniqueWord();
        rule("csrf " + word, word);
        long id = conversation(word);
        given().cookies(Api.logIn(AGENT, PASSWORD)).contentType(ContentType.URLENC).formParam("id", id)
                .formParam("action", "assign-me").formParam("view", "all").post("/inbox/bulk").then().statusCode(403);
        admin().get("/api/conversations/" + id).then().body("assignee", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void savedViewsBelongToTheirOwner() {
        String name = "view " + uniqueWord();
        as(AGENT).contentType(ContentType.URLENC).formParam("name", name).formParam("view", "pending")
                .formParam("priority", "high").post("/inbox/views").then().statusCode(200)
                .body(containsString(name)).body(containsString("/inbox?view=pending&amp;priority=high"));
        as(AGENT).get("/inbox").then().body(containsString(name));
        as(TEAMMATE).get("/inbox").then().body(not(containsString(name)));
    }

    @Test
    void aConversationIsUnreadUntilOpenedAndAgainAfterNewActivity() {
        String word = uniqueWord();
        long rule = rule("unread " + word, word);
        String root = uniqueId();
        ndjson(post(root, "reader", "where is my " + word));
        long id = conversationOf(root);
        Session agent = session(AGENT);
        assertTrue(rows(agent, "view=all&rule=" + rule).get(id), "never opened");
        agent.get().get("/conversations/" + id).then().statusCode(200).body(containsString("where is my <mark>" + word + "</mark>"));
        assertFalse(rows(agent, "view=all&rule=" + rule).get(id), "opened after its last activity");
        assertTrue(rows(session(TEAMMATE), "view=all&rule=" + rule).get(id), "read marks are per teammate");
        ndjson(post(uniqueId(), "reader", "hello again?", root));
        assertTrue(rows(agent, "view=all&rule=" + rule).get(id), "a new reply makes it unread again");
    }

    @Test
    void sendingAfterATeammateRepliedAsksToConfirm() {
        String word = uniqueWord();
        rule("collide " + word, word);
        String root = uniqueId();
        ndjson(post(root, "asker", "help with " + word));
        long id = conversationOf(root);
        Instant opened = Instant.now();
        as(TEAMMATE).contentType(ContentType.URLENC).formParam("text", "teammate answer").formParam("inReplyTo", root)
                .formParam("openedAt", Instant.now().toString()).post("/conversations/" + id + "/composer/send")
                .then().statusCode(200).body(containsString("Reply stored and queued"));
        as(AGENT).contentType(ContentType.URLENC).formParam("text", "my answer").formParam("inReplyTo", root)
                .formParam("openedAt", opened.toString()).post("/conversations/" + id + "/composer/send")
                .then().statusCode(200).body(containsString("id=\"collision\"")).body(containsString(TEAMMATE));
        assertEquals(1, admin().get("/api/conversations/" + id).then().extract().jsonPath()
                .getList("messages.findAll { it.kind == 'reply' }").size(), "nothing sent without confirming");
        as(AGENT).contentType(ContentType.URLENC).formParam("text", "my answer").formParam("inReplyTo", root)
                .formParam("openedAt", opened.toString()).formParam("confirm", "true")
                .post("/conversations/" + id + "/composer/send").then().statusCode(200)
                .body(containsString("Reply stored and queued"));
        assertEquals(2, admin().get("/api/conversations/" + id).then().extract().jsonPath()
                .getList("messages.findAll { it.kind == 'reply' }").size());
    }

    @Test
    void teammatesOnAThreadAreShownWithWhoIsTyping() {
        String word = uniqueWord();
        rule("presence " + word, word);
        long id = conversation(word);
        as(TEAMMATE).contentType(ContentType.URLENC).formParam("typing", "true")
                .post("/conversations/" + id + "/presence").then().statusCode(204);
        as(AGENT).get("/conversations/" + id).then().statusCode(200)
                .body(containsString(TEAMMATE + " is typing a reply"));
    }

    @Test
    void theComposerCountsWithTwitterTextAndSaysWhenNoChannelIsConnected() {
        String word = uniqueWord();
        rule("count " + word, word);
        long id = conversation(word);
        as(AGENT).get("/conversations/" + id + "/composer").then().statusCode(200)
                .body(containsString("No channel is connected for x"));
        // A URL counts 23 and a CJK character 2 in twitter-text's weighted length.
        as(AGENT).contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("text", "see https://example.com/a/very/long/path 日本")
                .post("/conversations/" + id + "/composer/count").then().statusCode(200)
                .body(containsString(">32/280<"));
    }

    @Test
    void anUnknownConversationIsAnErrorPageForBrowsersAndJsonForTheApi() {
        as(AGENT).accept("text/html").get("/conversations/999999999").then().statusCode(404)
                .contentType(containsString("text/html")).body(containsString("Not found"))
                .body(containsString("no conversation 999999999"));
        admin().get("/api/conversations/999999999").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", org.hamcrest.Matchers.equalTo("not found"));
    }
}
