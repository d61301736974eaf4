package io.earshot.search;

import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.conversationOf;
import static io.earshot.testing.Api.ndjson;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
public class SearchApiTest {

    /** Posts matching a catch-all rule for {@code word}, so they are stored and indexed. */
    private static List<String> posts(String word, String... texts) {
        List<String> ids = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (String text : texts) {
            String id = uniqueId();
            ids.add(id);
            lines.add(post(id, "searcher", text));
        }
        ndjson(lines.toArray(String[]::new)).body("accepted", equalTo(texts.length));
        return ids;
    }

    @Test
    void aPhraseRanksAboveScatteredWords() {
        String word = uniqueWord();
        rule("search rank " + word, word);
        List<String> ids = posts(word, word + " the order arrived broken, lots of filler words here",
                word + " broken order never arrived");
        admin().queryParam("q", word + " AND \"order never arrived\"~2 OR (" + word + " AND order AND arrived)")
                .get("/api/search").then().statusCode(200)
                .body("items[0].postId", equalTo(ids.get(1)));
    }

    @Test
    void hitsCarryHighlightsRulesAndTheirConversation() {
        String word = uniqueWord();
        long ruleId = rule("search hl " + word, word);
        List<String> ids = posts(word, "<script>alert(1)</script> my " + word + " is late");
        admin().queryParam("q", word).get("/api/search").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].postId", equalTo(ids.get(0)))
                .body("items[0].conversationId", equalTo(conversationOf(ids.get(0)).intValue()))
                .body("items[0].highlight", containsString("<mark>" + word + "</mark>"))
                .body("items[0].highlight", containsString("&lt;script&gt;"))
                .body("items[0].highlight", not(containsString("<script>")))
                .body("items[0].rules[0].id", equalTo((int) ruleId))
                .body("items[0].rules[0].name", equalTo("search hl " + word))
                .body("items[0].score", notNullValue());
    }

    @Test
    void facetsCountExactlyWhatTheFilterReturns() {
        String word = uniqueWord();
        rule("search facets " + word, word);
        posts(word, word + " #alpha" + word, word + " #alpha" + word + " #beta" + word, word + " #beta" + word,
                word + " #beta" + word);
        JsonPath facets = admin().queryParam("q", word).queryParam("facets", "hashtag,author,status")
                .get("/api/search").then().statusCode(200).extract().jsonPath();
        int beta = facets.getInt("facets.hashtag.find { it.value == 'beta" + word + "' }.count");
        assertEquals(3, beta);
        admin().queryParam("q", word + " AND #beta" + word).get("/api/search").then().body("total", equalTo(beta));
        assertEquals(4, facets.getInt("facets.status.find { it.value == 'open' }.count"));
    }

    @Test
    void cursorPagingVisitsEveryHitOnceWhileIngestContinues() {
        String word = uniqueWord();
        rule("search paging " + word, word);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            expected.addAll(posts(word, word + " page " + i));
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = admin().queryParam("q", word).queryParam("sort", "oldest").queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/search").then().statusCode(200).extract().jsonPath();
            for (String id : page.getList("items.postId", String.class)) {
                assertEquals(true, seen.add(id), "seen twice: " + id);
            }
            cursor = page.getString("next");
            if (pages++ == 0) {
                // A newer post arriving mid-paging shows up at the end, once.
                expected.addAll(posts(word, word + " late arrival"));
            }
        } while (cursor != null && pages < 20);
        assertEquals(expected, seen);
    }

    @Test
    void groupingByConversationShowsOnePostPerThread() {
        String word = uniqueWord();
        rule("search group " + word, word);
        String root = uniqueId();
        ndjson(post(root, "a", word + " first"), post(uniqueId(), "b", word + " second", root),
                post(uniqueId(), "c", word + " elsewhere"));
        admin().queryParam("q", word).get("/api/search").then().body("total", equalTo(3));
        admin().queryParam("q", word).queryParam("group", "conversation").get("/api/search").then().statusCode(200)
                .body("total", equalTo(2)).body("items", hasSize(2));
    }

    @Test
    void triageAndContentFiltersNarrowTheResults() {
        String word = uniqueWord();
        rule("search filters " + word, word);
        ndjson(post(uniqueId(), "alice", word + " one"), post(uniqueId(), "bob", word + " two"));
        admin().queryParam("q", word).queryParam("author", "@Alice").get("/api/search").then().body("total", equalTo(1));
        admin().queryParam("q", word).queryParam("status", "open").get("/api/search").then().body("total", equalTo(2));
        admin().queryParam("q", word).queryParam("status", "closed").get("/api/search").then().body("total", equalTo(0));
        admin().queryParam("q", word).queryParam("from", "2999-01-01").get("/api/search").then().body("total", equalTo(0));
    }

    @Test
    void aMalformedQueryIsABadRequestNeverAServerError() {
        List<String> hostile = QueryLanguageTest.hostileQueries().filter(q -> !q.isBlank()).toList();
        assertEquals(true, hostile.size() >= 30, "corpus size " + hostile.size());
        for (String q : hostile) {
            admin().queryParam("q", q).get("/api/search").then().statusCode(400)
                    .body("error", equalTo("invalid query"))
                    .body("detail", notNullValue());
        }
        admin().queryParam("q", "x").queryParam("cursor", "garbage!").get("/api/search").then().statusCode(400);
        admin().queryParam("facets", "nope").get("/api/search").then().statusCode(400);
    }

    @Test
    void aRebuiltIndexAnswersExactlyAsBefore() {
        String word = uniqueWord();
        rule("search rebuild " + word, word);
        String root = uniqueId();
        ndjson(post(root, "a", word + " before #rebuild"), post(uniqueId(), "b", word + " reply", root));
        JsonPath before = admin().queryParam("q", word).queryParam("sort", "newest").queryParam("facets", "hashtag")
                .get("/api/search").then().statusCode(200).extract().jsonPath();
        admin().post("/api/admin/reindex").then().statusCode(200).body("documents", notNullValue());
        JsonPath after = admin().queryParam("q", word).queryParam("sort", "newest").queryParam("facets", "hashtag")
                .get("/api/search").then().statusCode(200).extract().jsonPath();
        // Scores may move (collection statistics lose deleted documents); what is found may not.
        for (String path : List.of("total", "items.postId", "items.conversationId", "items.highlight", "facets")) {
            assertEquals(before.getString(path), after.getString(path), path);
        }
        ndjson(post(uniqueId(), "c", word + " after the rebuild"));
        admin().queryParam("q", word).get("/api/search").then().body("total", equalTo(3));
        io.restassured.RestAssured.given().auth().preemptive().basic("nobody", "x").post("/api/admin/reindex")
                .then().statusCode(401);
    }
}
