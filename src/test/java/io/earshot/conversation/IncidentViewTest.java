package io.earshot.conversation;

import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.conversationOf;
import static io.earshot.testing.Api.ndjson;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.earshot.account.Roles;
import io.earshot.account.User;
import io.earshot.testing.PageSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The incident view of a spike: the inbox narrowed to a time window of activity, near-duplicate posts
 * grouped into one row, and bulk actions (triage and a canned reply) over a whole group.
 */
@QuarkusTest
class IncidentViewTest {

    private static final String PASSWORD = "incident-password";
    private static final String AGENT = "incident-agent";
    private static final String ANALYST = "incident-analyst";
    private static final Instant FROM = Instant.parse("2026-05-01T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-05-01T11:00:00Z");
    private static final String WINDOW = "from=2026-05-01T10%3A00%3A00Z&to=2026-05-01T11%3A00%3A00Z";
    private static final Pattern ROW = Pattern.compile("<tr data-id=\"(\\d+)\"");
    private static final Pattern CHECKBOX = Pattern.compile("name=\"id\" value=\"([\\d,]+)\"");

    @BeforeAll
    static void users() {
        QuarkusTransaction.requiringNew().run(() -> Map.of(AGENT, Roles.AGENT, ANALYST, Roles.ANALYST)
                .forEach((name, role) -> {
                    if (User.findByUsername(name).isEmpty()) {
                        User.add(name, PASSWORD, role);
                    }
                }));
    }

    private static PageSession session(String username) {
        return PageSession.logIn(username, PASSWORD, "/inbox");
    }

    /** A post envelope on x created at {@code at}, replying to {@code parent} unless it is null. */
    private static String envelope(String id, String handle, String text, String at, String parent) {
        return "{\"id\":\"" + id + "\",\"platform\":\"x\",\"author\":{\"handle\":\"" + handle + "\"},\"text\":\""
                + text + "\",\"created_at\":\"" + at + "\"" + (parent == null ? "" : ",\"in_reply_to\":\"" + parent + "\"")
                + ",\"lang\":\"en\"}";
    }

    /** A conversation started at {@code at} by a post matching {@code word}; answers its id. */
    private static long started(String word, String text, String at, String... replyTimes) {
        String root = uniqueId();
        List<String> lines = new ArrayList<>(List.of(envelope(root, "fan_" + root.substring(0, 4), text + " " + word, at,
                null)));
        for (String replyAt : replyTimes) {
            lines.add(envelope(uniqueId(), "fan_reply", "any news?", replyAt, root));
        }
        ndjson(lines.toArray(String[]::new));
        return conversationOf(root);
    }

    private static String rowsHtml(PageSession session, String query) {
        return session.request().urlEncodingEnabled(false).get("/inbox/rows?" + query).then().statusCode(200)
                .extract().asString();
    }

    private static Set<Long> rows(PageSession session, String query) {
        Set<Long> ids = new TreeSet<>();
        Matcher m = ROW.matcher(rowsHtml(session, query));
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    /** The checkbox values of a rows fragment: one id per plain row, {@code 12,15,19} per group. */
    private static List<String> checkboxes(String html) {
        List<String> values = new ArrayList<>();
        Matcher m = CHECKBOX.matcher(html);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private static Set<Long> ids(long... ids) {
        Set<Long> set = new TreeSet<>();
        for (long id : ids) {
            set.add(id);
        }
        return set;
    }

    @Test
    void theWindowKeepsExactlyTheConversationsWithAPostCreatedInIt() {
        String word = uniqueWord();
        long rule = rule("window " + word, word);
        long atFrom = started(word, "first", "2026-05-01T10:00:00Z");
        long lastSecond = started(word, "late", "2026-05-01T10:59:59Z");
        long atTo = started(word, "too late", "2026-05-01T11:00:00Z");
        long before = started(word, "too early", "2026-05-01T09:59:59Z");
        long repliedInside = started(word, "old", "2026-05-01T08:00:00Z", "2026-05-01T10:30:00Z");
        long activeSince = started(word, "inside", "2026-05-01T10:15:00Z", "2026-05-01T12:00:00Z");
        long spansIt = started(word, "around", "2026-05-01T07:00:00Z", "2026-05-01T11:30:00Z");
        PageSession agent = session(AGENT);

        assertEquals(ids(atFrom, lastSecond, atTo, before, repliedInside, activeSince, spansIt),
                rows(agent, "view=all&rule=" + rule));
        assertEquals(ids(atFrom, lastSecond, repliedInside, activeSince),
                rows(agent, "view=all&rule=" + rule + "&" + WINDOW));
        assertEquals(ids(atTo, activeSince, spansIt), rows(agent, "view=all&rule=" + rule + "&from=2026-05-01T11:00:00Z"));
        assertEquals(ids(before, repliedInside, spansIt), rows(agent, "view=all&rule=" + rule + "&to=2026-05-01T10:00:00Z"));
        // A local date-time is read in UTC, and the window lives on in the canonical URL.
        assertEquals(ids(atFrom, lastSecond, repliedInside, activeSince),
                rows(agent, "view=all&rule=" + rule + "&from=2026-05-01T10:00&to=2026-05-01T11:00"));

        String page = agent.request().urlEncodingEnabled(false).get("/inbox?view=all&rule=" + rule + "&" + WINDOW)
                .then().statusCode(200).extract().asString();
        assertTrue(page.contains("2026-05-01 10:00–11:00 UTC"), "the window is a chip in the queue header");
        assertTrue(page.contains("href=\"/inbox?view=all&amp;rule=" + rule + "\""), "the chip removes the window");
        assertTrue(page.contains("hx-get=\"/inbox/rows?view=all&amp;rule=" + rule + "&amp;" + WINDOW.replace("&", "&amp;")),
                "the live refresh keeps the window");
        assertTrue(page.contains("name=\"from\" value=\"" + FROM + "\""), "the bulk form keeps the window");

        agent.request().get("/inbox?view=all&from=" + TO + "&to=" + FROM).then().statusCode(400);
        agent.request().get("/inbox?view=all&from=yesterday").then().statusCode(400);
        agent.request().get("/inbox?view=all&group=sideways").then().statusCode(400);
    }

    @Test
    void nearDuplicatePostsCollapseIntoOneRowThatSelectsThemAll() {
        String word = uniqueWord();
        long rule = rule("similar " + word, word);
        long a = started(word, "@AcmeSupport the app is DOWN again!!! https://t.co/x1", "2026-05-01T10:01:00Z");
        long b = started(word, "the app is down again 😡 2", "2026-05-01T10:02:00Z");
        long c = started(word, "The app is down, again...", "2026-05-01T10:03:00Z");
        long refund = started(word, "where is my refund", "2026-05-01T10:04:00Z");
        long love = started(word, "love the new update", "2026-05-01T10:05:00Z");
        long outside = started(word, "the app is down again", "2026-05-01T12:00:00Z");
        PageSession agent = session(AGENT);

        String html = rowsHtml(agent, "view=all&rule=" + rule + "&" + WINDOW + "&group=similar");
        // The same post an hour later is outside the window, so not in the group.
        assertEquals(List.of(c + "," + b + "," + a, Long.toString(love), Long.toString(refund)), checkboxes(html));
        assertTrue(html.contains("3 similar"), "the group row shows its count");
        assertTrue(html.contains("The app is down, again... " + word), "the newest post stands for the group");
        assertEquals(List.of(Long.toString(love), Long.toString(refund), Long.toString(c), Long.toString(b),
                Long.toString(a)), checkboxes(rowsHtml(agent, "view=all&rule=" + rule + "&" + WINDOW)),
                "ungrouped, every conversation is a row of its own");

        agent.request().contentType(ContentType.URLENC).formParam("id", c + "," + b + "," + a)
                .formParam("id", Long.toString(love)).formParam("action", "tag").formParam("value", "incident-" + word)
                .formParam("view", "all").formParam("rule", rule).formParam("from", FROM.toString())
                .formParam("to", TO.toString()).formParam("group", "similar").post("/inbox/bulk").then().statusCode(200)
                .body(containsString("3 similar"));
        for (long tagged : List.of(a, b, c, love)) {
            admin().get("/api/conversations/" + tagged).then().body("tags", hasItem("incident-" + word));
        }
        for (long untouched : List.of(refund, outside)) {
            admin().get("/api/conversations/" + untouched).then().body("tags", not(hasItem("incident-" + word)));
        }
    }

    @Test
    void aCannedReplyGoesToTheFirstPostOfEveryConversationInTheGroupOnce() {
        String word = uniqueWord();
        long rule = rule("answer " + word, word);
        long a = started(word, "checkout broken", "2026-05-01T10:10:00Z");
        long b = started(word, "Checkout BROKEN!", "2026-05-01T10:11:00Z");
        long canned = admin().contentType(ContentType.JSON)
                .body("{\"name\":\"outage " + word + "\",\"text\":\"Sorry {author}, we are on it. {agent}\"}")
                .post("/api/canned-replies").then().statusCode(201).extract().jsonPath().getLong("id");
        PageSession agent = session(AGENT);
        String group = b + "," + a;
        assertEquals(List.of(group), checkboxes(rowsHtml(agent, "view=all&rule=" + rule + "&" + WINDOW + "&group=similar")));
        String opened = Instant.now().toString();

        for (int click = 0; click < 2; click++) {
            agent.request().contentType(ContentType.URLENC).formParam("id", group).formParam("action", "reply")
                    .formParam("canned", canned).formParam("openedAt", opened).formParam("view", "all")
                    .formParam("rule", rule).formParam("group", "similar").post("/inbox/bulk").then().statusCode(200);
        }
        for (long id : List.of(a, b)) {
            JsonPath thread = admin().get("/api/conversations/" + id).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> replies = thread.getList("messages.findAll { it.kind == 'reply' }");
            assertEquals(1, replies.size(), "one reply, though the form was sent twice: " + replies);
            String root = thread.getString("messages.find { it.kind == 'post' }.externalId");
            String author = thread.getString("messages.find { it.kind == 'post' }.author");
            assertEquals("Sorry " + author + ", we are on it. " + AGENT, replies.get(0).get("text"));
            assertEquals(root, replies.get(0).get("inReplyTo"));
            assertEquals("queued", ((Map<?, ?>) replies.get(0).get("delivery")).get("state"));
        }

        session(ANALYST).request().contentType(ContentType.URLENC).formParam("id", group).formParam("action", "reply")
                .formParam("canned", canned).formParam("view", "all").post("/inbox/bulk").then().statusCode(403);
    }
}
