package io.earshot.search;

import static io.earshot.testing.Api.conversationOf;
import static io.earshot.testing.Api.ndjson;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.earshot.account.Roles;
import io.earshot.account.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** {@code /search}: the page, its htmx fragments, filters in the URL, query errors in place, inert post text. */
@QuarkusTest
class SearchPageTest {

    private static final String PASSWORD = "search-page-password";
    private static final String SESSION_COOKIE = "quarkus-credential";
    private static final Pattern RESULT = Pattern.compile("<li class=\"result\" data-conversation=\"(\\d+)\"");
    private static final Map<String, Map<String, String>> SESSIONS = new ConcurrentHashMap<>();
    private static final String PAYLOAD = "<script>alert(1)</script> <img src=x onerror=alert(2)> "
            + "<a href='javascript:alert(3)'>win</a>";

    @BeforeAll
    static void users() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String role : Roles.ALL) {
                if (User.findByUsername(user(role)).isEmpty()) {
                    User.add(user(role), PASSWORD, role);
                }
            }
        });
    }

    private static String user(String role) {
        return "search-page-" + role;
    }

    /**
     * A request riding on a session from the log-in form, with every cookie log-in set, as a browser's
     * would (one log-in per role).
     */
    private static RequestSpecification signedIn(String role) {
        Map<String, String> cookies = SESSIONS.computeIfAbsent(role, r -> given().redirects().follow(false)
                .formParam("j_username", user(r)).formParam("j_password", PASSWORD).post("/j_security_check")
                .then().statusCode(302).header("Location", endsWith("/inbox")).cookie(SESSION_COOKIE)
                .extract().cookies());
        return given().cookies(cookies);
    }

    private static RequestSpecification agent() {
        return signedIn(Roles.AGENT);
    }

    private static RequestSpecification htmx() {
        return agent().header("HX-Request", "true");
    }

    /** Stores each text as a new conversation (a rule on {@code word} catches them) by {@code author}. */
    private static List<Long> conversations(String word, String author, String... texts) {
        List<String> lines = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String text : texts) {
            String id = uniqueId();
            ids.add(id);
            lines.add(post(id, author, text));
        }
        ndjson(lines.toArray(String[]::new)).body("accepted", equalTo(texts.length));
        return ids.stream().map(id -> conversationOf(id)).toList();
    }

    private static List<Long> resultsIn(String html) {
        List<Long> ids = new ArrayList<>();
        Matcher m = RESULT.matcher(html);
        while (m.find()) {
            ids.add(Long.valueOf(m.group(1)));
        }
        return ids;
    }

    @Test
    void everyRoleGetsTheSearchPage() {
        for (String role : Roles.ALL) {
            signedIn(role).get("/search").then().statusCode(200)
                    .contentType(containsString("text/html"))
                    .body(containsString("<form id=\"search\""))
                    .body(containsString("<div id=\"results\""))
                    .body(containsString("aria-current=\"page\">Search</a>"));
        }
    }

    @Test
    void anonymousVisitorsAreSentToTheLogInPage() {
        given().redirects().follow(false).get("/search?q=refund").then().statusCode(302)
                .header("Location", endsWith("/login"));
    }

    @Test
    void theWordsShowHighlightedOneResultPerConversation() {
        String word = uniqueWord();
        rule("search page " + word, word);
        String root = uniqueId();
        ndjson(post(root, "jane", "my " + word + " never arrived"), post(uniqueId(), "joe", word + " same here", root));
        String html = agent().queryParam("q", word).get("/search").then().statusCode(200)
                .body(containsString("<mark>" + word + "</mark>"))
                .body(containsString("href=\"/conversations/" + conversationOf(root) + "\""))
                .body(containsString("<span class=\"chip rule\">search page " + word + "</span>"))
                .body(containsString("1 conversation<"))
                .extract().asString();
        assertEquals(List.of(conversationOf(root)), resultsIn(html));
    }

    @Test
    void filtersInTheUrlNarrowTheResultsAndShowAsRemovableChips() {
        String word = uniqueWord();
        long ruleId = rule("search page filters " + word, word);
        List<Long> ids = conversations(word, "alice", word + " #alpha" + word, word + " #beta" + word);
        List<Long> bobs = conversations(word, "bob", word + " #beta" + word);
        String html = agent().queryParam("q", word).queryParam("hashtag", "beta" + word).queryParam("author", "alice")
                .get("/search").then().statusCode(200)
                .body(containsString("data-filter=\"hashtag\">#beta" + word))
                .body(containsString("data-filter=\"author\">by @alice"))
                // Removing the author chip keeps the words and the hashtag.
                .body(containsString("href=\"/search?q=" + word + "&amp;hashtag=beta" + word + "\""))
                .extract().asString();
        assertEquals(List.of(ids.get(1)), resultsIn(html));
        String both = agent().queryParam("q", word).queryParam("hashtag", "beta" + word).get("/search").asString();
        assertEquals(List.of(bobs.get(0), ids.get(1)).stream().sorted().toList(),
                resultsIn(both).stream().sorted().toList());
        agent().queryParam("q", word).queryParam("rule", ruleId).queryParam("status", "open").get("/search").then()
                .body(containsString("data-filter=\"rule\">rule: search page filters " + word))
                .body(containsString("3 conversations<"));
        agent().queryParam("q", word).queryParam("status", "closed").get("/search").then()
                .body(containsString("0 conversations<"));
        agent().queryParam("q", word).queryParam("cursor", "garbage!").get("/search").then().statusCode(200)
                .body(containsString("cursor is not one this server made"));
    }

    @Test
    void facetValuesCountAndLinkToTheNarrowedSearch() {
        String word = uniqueWord();
        rule("search page facets " + word, word);
        conversations(word, "carol", word + " #gamma" + word, word + " #gamma" + word + " @AcmeSupport");
        String html = agent().queryParam("q", word).get("/search").then().statusCode(200).extract().asString();
        assertTrue(html.contains("<a href=\"/search?q=" + word + "&amp;hashtag=gamma" + word + "\" hx-get=\"/search?q="
                + word + "&amp;hashtag=gamma" + word + "\"><span>#gamma" + word + "</span> <small>2</small></a>"), html);
        assertTrue(html.contains("<span>@acmesupport</span> <small>1</small>"), html);
        assertTrue(html.contains("/search?q=" + word + "&amp;author=carol"), html);
        // An active value links to the search without it.
        String narrowed = agent().queryParam("q", word).queryParam("hashtag", "gamma" + word).get("/search").asString();
        assertTrue(narrowed.contains("<a href=\"/search?q=" + word + "\" hx-get=\"/search?q=" + word
                + "\" aria-current=\"true\"><span>#gamma" + word + "</span>"), narrowed);
    }

    @Test
    void anInvalidQueryShowsTheParsersMessageAtItsPlace() {
        String html = agent().queryParam("q", "refund AND (widget").get("/search").then().statusCode(200)
                .body(containsString("role=\"alert\""))
                .body(containsString("<p class=\"error\">Encountered &quot;&lt;EOF&gt;&quot; at line 1, column 18."))
                // The parser places a missing end on the last character.
                .body(containsString("<code>refund AND (widge<mark>t</mark></code>"))
                .extract().asString();
        assertTrue(resultsIn(html).isEmpty());
        agent().queryParam("q", "*cme").get("/search").then().statusCode(200)
                .body(containsString("not allowed as first character"))
                .body(not(containsString("<pre class=\"query\">")));
        agent().queryParam("q", "x").queryParam("status", "done").get("/search").then().statusCode(200)
                .body(containsString("status must be open, pending or closed"));
    }

    @Test
    void everyHostileQueryRendersThePageWithAMessage() {
        for (String q : QueryLanguageTest.hostileQueries().filter(q -> !q.isBlank()).toList()) {
            htmx().queryParam("q", q).get("/search").then().statusCode(200)
                    .body(containsString("<p class=\"error\">"));
        }
    }

    @Test
    void aPostFullOfPayloadsRendersAsText() {
        String word = uniqueWord();
        rule("search page xss " + word, word);
        conversations(word, "mallory", word + " " + PAYLOAD);
        // Highlighted (the words matched) and plain (only a filter matched) results alike.
        for (RequestSpecification request : List.of(agent().queryParam("q", word + " OR alert"),
                agent().queryParam("author", "mallory").queryParam("q", "*:*"),
                agent().queryParam("author", "mallory"))) {
            request.get("/search").then().statusCode(200)
                    .body(containsString("&lt;script&gt;"))
                    .body(containsString("&lt;img src=x onerror="))
                    .body(not(containsString("<script>alert")))
                    .body(not(containsString("<img src=x")))
                    .body(not(containsString("<a href='javascript")))
                    .body(not(containsString("href=\"javascript")));
        }
    }

    @Test
    void htmxGetsOnlyTheResultsAndTheTidyAddress() {
        String word = uniqueWord();
        rule("search page htmx " + word, word);
        conversations(word, "dave", word + " one");
        htmx().queryParam("q", word).queryParam("sort", "newest").queryParam("lang", "").get("/search").then()
                .statusCode(200)
                .header("HX-Push-Url", equalTo("/search?q=" + word + "&sort=newest"))
                .header("Vary", containsString("HX-Request"))
                .body(startsWith("<div id=\"results\""))
                .body(not(containsString("<html")));
        // History restoration needs the whole page.
        htmx().header("HX-History-Restore-Request", "true").queryParam("q", word).get("/search").then()
                .body(containsString("<html"));
    }

    @Test
    void moreResultsAppendTheNextPageOnce() {
        String word = uniqueWord();
        rule("search page more " + word, word);
        String[] texts = new String[SearchPageService.PAGE_SIZE + 3];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = word + " number " + i;
        }
        List<Long> all = conversations(word, "erin", texts);
        String first = agent().queryParam("q", word).queryParam("sort", "oldest").get("/search").asString();
        Matcher more = Pattern.compile("<li id=\"more\"><a class=\"button\" href=\"([^\"]+)\"").matcher(first);
        assertTrue(more.find(), first);
        String next = more.group(1).replace("&amp;", "&");
        String rest = htmx().urlEncodingEnabled(false).get(next).then().statusCode(200)
                .header("HX-Push-Url", nullValue()).extract().asString();
        assertTrue(rest.strip().startsWith("<li class=\"result\""), rest);
        assertFalse(rest.contains("id=\"more\""), rest);
        List<Long> seen = new ArrayList<>(resultsIn(first));
        seen.addAll(resultsIn(rest));
        assertEquals(all, seen);
    }
}
