package io.earshot.trends;

import static io.earshot.testing.Api.ADMIN_PASSWORD;
import static io.earshot.testing.Api.admin;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueWord;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The trends page over HTTP: who may see it, the state it keeps in its URL, and data shown inert. */
@QuarkusTest
class TrendsPageTest {

    private static final String PASSWORD = "trends-page-password";
    private static final String AGENT = "trends-agent";
    private static final String ANALYST = "trends-analyst";
    private static final Pattern DATA_API = Pattern.compile("data-api=\"([^\"]*)\"");

    @BeforeAll
    static void users() {
        QuarkusTransaction.requiringNew().run(() -> Map.of(AGENT, Roles.AGENT, ANALYST, Roles.ANALYST).forEach((name, role) -> {
            if (User.findByUsername(name).isEmpty()) {
                User.add(name, PASSWORD, role);
            }
        }));
    }

    private static String page(String username, String password, String query) {
        return given().urlEncodingEnabled(false).cookies(Api.logIn(username, password)).get("/trends" + query).then().statusCode(200)
                .extract().asString();
    }

    private static String unescape(String attribute) {
        return attribute.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'");
    }

    @Test
    void anonymousVisitorsAreSentToLogIn() {
        given().redirects().follow(false).get("/trends").then().statusCode(302)
                .header("Location", containsString("/login"));
    }

    @Test
    void everyRoleSeesThePageWithTheRulesToPick() {
        String word = uniqueWord();
        long id = rule("trends pick " + word, word);
        for (String[] user : new String[][] { { "admin", ADMIN_PASSWORD }, { AGENT, PASSWORD }, { ANALYST, PASSWORD } }) {
            String html = page(user[0], user[1], "");
            assertTrue(html.contains("value=\"rule:" + id + "\""), user[0] + " can pick the rule");
            assertTrue(html.contains("trends pick " + word), user[0] + " sees its name");
            assertTrue(html.contains("/webjars/uplot/dist/uPlot.iife.min.js"), "uPlot is loaded");
        }
    }

    @Test
    void thePickersAndTheChartParametersComeFromTheUrl() {
        String word = uniqueWord();
        String html = page(AGENT, PASSWORD, "?series=hashtag:" + word + "&term=" + word
                + "&interval=day&range=custom&from=2026-01-01&to=2026-01-08&tz=Europe/Berlin&share=1");
        assertTrue(html.contains("<option selected>day</option>"), "interval picked");
        assertTrue(html.contains("<option value=\"custom\" selected>"), "range picked");
        assertTrue(html.contains("id=\"share\" checked"), "share of voice on");
        assertTrue(html.contains("name=\"from\" value=\"2026-01-01\""), "custom from kept");
        Matcher api = DATA_API.matcher(html);
        assertTrue(api.find());
        assertEquals("series=hashtag%3A" + word + "&series=term%3A" + word
                + "&interval=day&from=2026-01-01&to=2026-01-08&tz=Europe%2FBerlin", unescape(api.group(1)));
        assertTrue(html.contains("href=\"/api/trends.csv?" + api.group(1) + "\""), "CSV export takes the same parameters");
        // The word typed into "add" becomes a series of the canonical URL the browser shows.
        assertTrue(unescape(html).contains("data-url=\"/trends?series=hashtag%3A" + word + "&series=term%3A" + word
                + "&interval=day&range=custom&from=2026-01-01&to=2026-01-08&tz=Europe%2FBerlin&share=1\""));
    }

    @Test
    void theChartParametersAreOnesTheTrendsApiAnswers() {
        String word = uniqueWord();
        long id = rule("trends api " + word, word);
        String html = page("admin", ADMIN_PASSWORD, "?series=rule:" + id + "&series=q:" + word + "%20OR%20refund&range=24h");
        Matcher api = DATA_API.matcher(html);
        assertTrue(api.find());
        admin().urlEncodingEnabled(false).get("/api/trends?" + unescape(api.group(1))).then().statusCode(200)
                .body("series.key", org.hamcrest.Matchers.contains("rule:" + id, "q:" + word + " OR refund"))
                .body("series[0].buckets.size()", org.hamcrest.Matchers.equalTo(25));
        admin().urlEncodingEnabled(false).get("/api/trends.csv?" + unescape(api.group(1))).then().statusCode(200)
                .contentType(containsString("text/csv"));
    }

    @Test
    void ruleNamesAndTypedSeriesAreShownAsText() {
        String word = uniqueWord();
        rule("<script>alert('" + word + "')</script>", word);
        String html = page(ANALYST, PASSWORD, "?hashtag=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E" + word);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;" + word + "&#39;)&lt;/script&gt;"), "rule name escaped");
        assertTrue(html.contains("hashtag:&lt;img src=x onerror=alert(1)&gt;" + word), "typed hashtag escaped");
        given().cookies(Api.logIn(ANALYST, PASSWORD)).get("/trends").then()
                .body(not(containsString("<script>alert('" + word)));
    }
}
