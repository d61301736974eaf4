package io.earshot.account;

import static io.earshot.account.Accounts.logIn;
import static io.earshot.account.Accounts.user;
import static io.earshot.account.Accounts.withToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.hamcrest.Matcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** {@code /admin/users}: each htmx form answers its own fragment, with a refusal's reason inline. */
@QuarkusTest
class UsersPageTest {

    private String admin;
    private Map<String, String> session;

    @BeforeEach
    void logInAsAnAdmin() {
        admin = user(Roles.ADMIN);
        session = logIn(admin);
    }

    /** A fragment: the answer starts (after white space) with this markup. */
    private static Matcher<String> opensWith(String markup) {
        return matchesPattern("(?s)\\s*" + Pattern.quote(markup) + ".*");
    }

    private RequestSpecification htmx() {
        return withToken(session).header("HX-Request", "true");
    }

    @Test
    void thePageListsUsersWithRoleAndCreationDayInTheLayout() {
        String agent = user(Roles.AGENT);
        given().cookies(session).get("/admin/users").then().statusCode(200)
                .body(containsString("<tr id=\"user-" + agent + "\""))
                .body(containsString("<option selected>agent</option>"))
                .body(containsString(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()))
                .body(containsString(admin + " <small>(you)</small>"))
                .body(containsString("aria-current=\"page\">Users</a>"))
                .body(not(containsString("$2a$")));
    }

    @Test
    void addingAUserAnswersTheListWithTheNewRowAndAFreshForm() {
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        htmx().formParam("username", name).formParam("password", "a-long-password").formParam("role", "analyst")
                .post("/admin/users").then().statusCode(200).header("HX-Retarget", "#manage")
                .body(opensWith("<div id=\"manage\">")).body(containsString("Added " + name + "."))
                .body(containsString("<tr id=\"user-" + name + "\""))
                .body(containsString("<input name=\"username\" value=\"\""));
        Accounts.basic(name).get("/api/rules").then().statusCode(401);
        given().auth().preemptive().basic(name, "a-long-password").get("/api/rules").then().statusCode(200);
    }

    @Test
    void aRefusedNewUserReRendersTheFormWithTheReasonAndWhatWasTyped() {
        htmx().formParam("username", "typed-name").formParam("password", "short").formParam("role", "agent")
                .post("/admin/users").then().statusCode(200).header("HX-Retarget", (String) null)
                .body(opensWith("<form id=\"create\""))
                .body(containsString("password must be at least 10 characters"))
                .body(containsString("value=\"typed-name\""))
                .body(not(containsString("short")));
    }

    @Test
    void typedMarkupComesBackEscaped() {
        htmx().formParam("username", "<script>alert(1)</script>").formParam("password", "a-long-password")
                .formParam("role", "agent").post("/admin/users").then().statusCode(200)
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                .body(not(containsString("<script>alert(1)")));
    }

    @Test
    void changingARoleAnswersTheRowWithTheNewRole() {
        String name = user(Roles.AGENT);
        htmx().formParam("role", "analyst").patch("/admin/users/" + name).then().statusCode(200)
                .body(opensWith("<tr id=\"user-" + name + "\""))
                .body(containsString("<option selected>analyst</option>"))
                .body(containsString("Role changed."));
        Accounts.basic(name).get("/api/users/" + name).then().statusCode(403);
    }

    @Test
    void resettingAPasswordAnswersTheRowAndEndsTheirSessions() {
        String name = user(Roles.AGENT);
        Map<String, String> theirs = logIn(name);
        htmx().formParam("password", "reset-password-1").patch("/admin/users/" + name).then().statusCode(200)
                .body(containsString("Password reset; their sessions have ended."));
        given().cookies(theirs).get("/api/rules").then().statusCode(401);
    }

    @Test
    void aTooShortPasswordResetShowsTheReasonInTheRow() {
        String name = user(Roles.AGENT);
        htmx().formParam("password", "short").patch("/admin/users/" + name).then().statusCode(200)
                .body(opensWith("<tr id=\"user-" + name + "\""))
                .body(containsString("<p class=\"error\" role=\"alert\">password must be at least 10 characters</p>"));
    }

    @Test
    void deletingAUserAnswersNothingSoTheRowGoes() {
        String name = user(Roles.ANALYST);
        htmx().delete("/admin/users/" + name).then().statusCode(200).body(equalTo(""));
        Accounts.basic(name).get("/api/rules").then().statusCode(401);
    }

    @Test
    void deletingYourselfShowsTheReasonInYourRow() {
        htmx().delete("/admin/users/" + admin).then().statusCode(200)
                .body(opensWith("<tr id=\"user-" + admin + "\""))
                .body(containsString("you cannot delete yourself"));
    }

    @Test
    void agentsAndAnalystsMayNotOpenThePage() {
        for (String role : new String[] { Roles.AGENT, Roles.ANALYST }) {
            given().cookies(logIn(user(role))).redirects().follow(false).get("/admin/users").then().statusCode(403);
        }
    }
}
