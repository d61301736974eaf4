package io.earshot.rules;

import static io.earshot.testing.Api.ADMIN_PASSWORD;
import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.ndjson;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueId;
import static io.earshot.testing.Api.uniqueWord;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.earshot.account.Roles;
import io.earshot.account.User;
import io.earshot.testing.PageSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The rule workbench over HTTP: the list for everyone, dry runs for admins and analysts, changes for admins. */
@QuarkusTest
class RulesPageTest {

    private static final String PASSWORD = "rules-page-password";
    private static final String AGENT = "rules-agent";
    private static final String ANALYST = "rules-analyst";

    @BeforeAll
    static void users() {
        QuarkusTransaction.requiringNew().run(() -> Map.of(AGENT, Roles.AGENT, ANALYST, Roles.ANALYST).forEach((name, role) -> {
            if (User.findByUsername(name).isEmpty()) {
                User.add(name, PASSWORD, role);
            }
        }));
    }

    private static PageSession session(String username) {
        return PageSession.logIn(username, "admin".equals(username) ? ADMIN_PASSWORD : PASSWORD, "/rules");
    }

    private static RequestSpecification form(String username) {
        return session(username).request().contentType(ContentType.URLENC);
    }

    private static String dryRun(String username, String query) {
        return form(username).formParam("name", "draft").formParam("query", query).formParam("from", "2025-12-01")
                .post("/rules/dry-run").then().statusCode(200).extract().asString();
    }

    @Test
    void anonymousVisitorsAreSentToLogIn() {
        given().redirects().follow(false).get("/rules").then().statusCode(302).header("Location", containsString("/login"));
    }

    @Test
    void agentsReadTheListAnalystsAlsoDryRunAndOnlyAdminsChangeRules() {
        String word = uniqueWord();
        long id = rule("workbench roles " + word, word);
        String agent = session(AGENT).request().get("/rules").then().statusCode(200).extract().asString();
        assertTrue(agent.contains("workbench roles " + word) && agent.contains("id=\"rule-" + id + "\""));
        assertFalse(agent.contains("id=\"rule-editor\""), "agents get no editor");
        assertFalse(agent.contains("hx-delete=\"/rules/" + id + "\""), "agents get no delete button");
        String analyst = session(ANALYST).request().get("/rules").then().statusCode(200).extract().asString();
        assertTrue(analyst.contains("id=\"dry-run\""), "analysts may dry-run");
        assertFalse(analyst.contains("id=\"save-rule\""), "analysts do not save");
        String adminPage = session("admin").request().get("/rules").then().statusCode(200).extract().asString();
        assertTrue(adminPage.contains("id=\"save-rule\"") && adminPage.contains("hx-delete=\"/rules/" + id + "\""));

        form(AGENT).formParam("query", word).post("/rules/dry-run").then().statusCode(403);
        form(ANALYST).formParam("name", "x").formParam("query", word).post("/rules").then().statusCode(403);
        form(ANALYST).formParam("enabled", "false").post("/rules/" + id + "/enabled").then().statusCode(403);
        session(AGENT).request().delete("/rules/" + id).then().statusCode(403);
        admin().get("/api/rules/" + id).then().statusCode(200).body("enabled", equalTo(true));
    }

    @Test
    void anInvalidRuleShowsTheParsersMessageAtItsPlace() {
        String html = dryRun(ANALYST, "acme AND (broken");
        assertTrue(html.contains("class=\"dry-run problem\""), html);
        assertTrue(html.contains("<pre class=\"query\"><code>acme AND (broke<mark>n</mark></code></pre>"), html);
        assertTrue(html.contains("name=\"from\" value=\"2025-12-01\""), "the period typed stays");
        String saved = form("admin").formParam("name", "bad").formParam("query", "acme AND (broken").post("/rules")
                .then().statusCode(200).extract().asString();
        assertTrue(saved.contains("class=\"dry-run problem\"") && saved.contains("id=\"rule-editor\""), saved);
    }

    @Test
    void aDryRunShowsVolumeSamplesWithTheWordsMarkedAndTheOverlap() {
        String word = uniqueWord();
        long existing = rule("overlap " + word, word);
        ndjson(post(uniqueId(), "dry_one", "my " + word + " broke <b>again</b>"),
                post(uniqueId(), "dry_two", "another " + word + " story"));
        String html = dryRun(ANALYST, word);
        assertTrue(html.contains("<strong class=\"total\">2</strong>"), html);
        assertTrue(html.contains("my <mark>" + word + "</mark> broke &lt;b&gt;again&lt;"), "words marked, HTML inert");
        assertFalse(html.contains("<b>again"), "the post's HTML is text");
        assertTrue(html.contains("overlap " + word + ": 2"), "overlap with rule " + existing);
        assertTrue(html.contains("<rect "), "volume per day drawn");
    }

    @Test
    void anAdminCreatesEditsSwitchesOffAndDeletesARule() {
        String word = uniqueWord();
        String created = form("admin").formParam("name", "<i>made</i> " + word).formParam("query", word).post("/rules")
                .then().statusCode(200).header("HX-Retarget", "#workbench").extract().asString();
        assertTrue(created.contains("&lt;i&gt;made&lt;/i&gt; " + word), "name escaped in the list");
        assertFalse(created.contains("<i>made</i>"));
        long id = admin().get("/api/rules").jsonPath().getLong("find { it.name == '<i>made</i> " + word + "' }.id");

        String editor = session("admin").request().get("/rules/" + id + "/edit").then().statusCode(200).extract().asString();
        assertTrue(editor.contains("hx-put=\"/rules/" + id + "\""));
        form("admin").formParam("name", "renamed " + word).formParam("query", word + " OR refund").put("/rules/" + id)
                .then().statusCode(200).body(containsString("renamed " + word));
        admin().get("/api/rules/" + id).then().body("name", equalTo("renamed " + word)).body("query", equalTo(word + " OR refund"));

        form("admin").formParam("enabled", "false").post("/rules/" + id + "/enabled").then().statusCode(200)
                .body(containsString("Switch on")).body(containsString("Switched off."));
        admin().get("/api/rules/" + id).then().body("enabled", equalTo(false));

        session("admin").request().delete("/rules/" + id).then().statusCode(200).body(equalTo(""));
        admin().get("/api/rules/" + id).then().statusCode(404);
        session("admin").request().get("/rules").then().body(not(containsString("id=\"rule-" + id + "\"")));
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() {
        PageSession admin = session("admin");
        given().cookies(admin.cookies()).contentType(ContentType.URLENC).formParam("name", "x").formParam("query", "y")
                .post("/rules").then().statusCode(403);
    }
}
