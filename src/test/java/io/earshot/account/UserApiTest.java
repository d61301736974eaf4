package io.earshot.account;

import static io.earshot.account.Accounts.PASSWORD;
import static io.earshot.account.Accounts.basic;
import static io.earshot.account.Accounts.user;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.earshot.testing.Api;
import io.earshot.web.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code /api/users}: admins manage accounts; changes reach logged-in clients at once. */
@QuarkusTest
class UserApiTest {

    @Inject
    UserService users;

    private static String newName() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String json(String username, String password, String role) {
        return "{\"username\":" + quoted(username) + ",\"password\":" + quoted(password) + ",\"role\":" + quoted(role)
                + "}";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    @Test
    void anAdminCreatesAUserWhoCanThenLogIn() {
        String name = newName();
        Api.admin().contentType(ContentType.JSON).body(json(name, PASSWORD, Roles.ANALYST)).post("/api/users")
                .then().statusCode(201).header("Location", endsWith("/api/users/" + name))
                .body("username", equalTo(name)).body("role", equalTo(Roles.ANALYST))
                .body("createdAt", notNullValue()).body("password", nullValue());
        basic(name).get("/api/rules").then().statusCode(200);
        Api.admin().get("/api/users/" + name).then().statusCode(200).body("role", equalTo(Roles.ANALYST));
    }

    @Test
    void listingUsersNeverShowsAPasswordHash() {
        user(Roles.AGENT);
        String body = Api.admin().get("/api/users").then().statusCode(200)
                .body("username", hasItem("admin")).body("[0].password", nullValue()).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(body, not(org.hamcrest.Matchers.containsString("$2a$")));
    }

    @Test
    void aUserWithABadNamePasswordOrRoleIsRefusedWithTheReason() {
        for (String bad : new String[] { "A", "Bob", "a b", "../x", "-dash", "x".repeat(41), "é" + newName() }) {
            Api.admin().contentType(ContentType.JSON).body(json(bad, PASSWORD, Roles.AGENT)).post("/api/users")
                    .then().statusCode(400).body("error", equalTo("invalid user"))
                    .body("detail", org.hamcrest.Matchers.containsString("username"));
        }
        Api.admin().contentType(ContentType.JSON).body(json(null, PASSWORD, Roles.AGENT)).post("/api/users")
                .then().statusCode(400);
        Api.admin().contentType(ContentType.JSON).body(json(newName(), "short-pw", Roles.AGENT)).post("/api/users")
                .then().statusCode(400).body("detail", equalTo("password must be at least 10 characters"));
        Api.admin().contentType(ContentType.JSON).body(json(newName(), "p".repeat(73), Roles.AGENT))
                .post("/api/users").then().statusCode(400);
        Api.admin().contentType(ContentType.JSON).body(json(newName(), PASSWORD, "root")).post("/api/users")
                .then().statusCode(400).body("detail", equalTo("role must be one of admin, agent, analyst"));
        Api.admin().contentType(ContentType.JSON).post("/api/users").then().statusCode(400);
    }

    @Test
    void aSecondUserWithTheSameNameIsAConflict() {
        String name = user(Roles.AGENT);
        Api.admin().contentType(ContentType.JSON).body(json(name, PASSWORD, Roles.ANALYST)).post("/api/users")
                .then().statusCode(409).body("error", equalTo("user exists"));
    }

    @Test
    void aRoleChangeReachesARememberedBasicLogInAtOnce() {
        String name = user(Roles.AGENT);
        basic(name).get("/api/dead-letters").then().statusCode(403);
        Api.admin().contentType(ContentType.JSON).body("{\"role\":\"admin\"}").patch("/api/users/" + name)
                .then().statusCode(200).body("role", equalTo(Roles.ADMIN));
        basic(name).get("/api/dead-letters").then().statusCode(200);
    }

    @Test
    void aPasswordChangeEndsRememberedBasicLogInsAtOnce() {
        String name = user(Roles.AGENT);
        basic(name).get("/api/rules").then().statusCode(200);
        Api.admin().contentType(ContentType.JSON).body("{\"password\":\"a-new-password\"}")
                .patch("/api/users/" + name).then().statusCode(200).body("role", equalTo(Roles.AGENT));
        basic(name).get("/api/rules").then().statusCode(401);
        io.restassured.RestAssured.given().auth().preemptive().basic(name, "a-new-password").get("/api/rules")
                .then().statusCode(200);
    }

    @Test
    void aDeletedUserIsRefusedAtOnce() {
        String name = user(Roles.ANALYST);
        basic(name).get("/api/rules").then().statusCode(200);
        Api.admin().delete("/api/users/" + name).then().statusCode(204);
        basic(name).get("/api/rules").then().statusCode(401);
        Api.admin().get("/api/users/" + name).then().statusCode(404);
        Api.admin().delete("/api/users/" + name).then().statusCode(404);
    }

    @Test
    void aChangeWithNothingToChangeOrOfNobodyIsRefused() {
        String name = user(Roles.AGENT);
        Api.admin().contentType(ContentType.JSON).body("{}").patch("/api/users/" + name).then().statusCode(400);
        Api.admin().contentType(ContentType.JSON).body("{\"role\":\"agent\"}").patch("/api/users/nobody-here")
                .then().statusCode(404);
    }

    @Test
    void nobodyDeletesThemselves() {
        String name = user(Roles.ADMIN);
        basic(name).delete("/api/users/" + name).then().statusCode(409).body("detail",
                equalTo("you cannot delete yourself"));
        basic(name).get("/api/users/" + name).then().statusCode(200);
    }

    @Test
    void theLastAdminCanBeNeitherDeletedNorDemoted() {
        String last = user(Roles.ADMIN);
        // Inside a transaction that is rolled back, make every other admin an agent.
        QuarkusTransaction.begin();
        try {
            User.update("role = ?1 where role = ?2 and username <> ?3", Roles.AGENT, Roles.ADMIN, last);
            ApiException demote = assertThrows(ApiException.class, () -> users.update(last, Roles.AGENT, null));
            assertEquals(409, demote.status());
            ApiException delete = assertThrows(ApiException.class, () -> users.delete("someone-else", last));
            assertEquals("the last admin cannot be deleted", delete.getMessage());
        } finally {
            QuarkusTransaction.rollback();
        }
        basic(last).get("/api/users").then().statusCode(200);
    }

    @Test
    void anotherAdminCanBeDemotedAndDeleted() {
        String other = user(Roles.ADMIN);
        Api.admin().contentType(ContentType.JSON).body("{\"role\":\"analyst\"}").patch("/api/users/" + other)
                .then().statusCode(200);
        Api.admin().delete("/api/users/" + other).then().statusCode(204);
    }
}
