package io.earshot.account;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Every API route checks the caller's role. */
@QuarkusTest
class RoleAccessTest {

    private static final String PASSWORD = "role-test-password";

    @BeforeAll
    static void users() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String role : Roles.ALL) {
                String name = "role-test-" + role;
                if (User.findByUsername(name).isEmpty()) {
                    User.add(name, PASSWORD, role);
                }
            }
        });
    }

    private static RequestSpecification as(String role) {
        return given().auth().preemptive().basic("role-test-" + role, PASSWORD);
    }

    @Test
    void everyRoleReadsRulesAndConversations() {
        for (String role : Roles.ALL) {
            as(role).get("/api/rules").then().statusCode(200);
            as(role).get("/api/conversations").then().statusCode(200);
        }
    }

    @Test
    void onlyAdminsChangeRulesIngestAndReadDeadLetters() {
        for (String role : new String[] { Roles.AGENT, Roles.ANALYST }) {
            as(role).contentType(ContentType.JSON).body("{\"name\":\"n\",\"query\":\"q\"}").post("/api/rules")
                    .then().statusCode(403);
            as(role).contentType(ContentType.JSON).body("{}").post("/api/posts").then().statusCode(403);
            as(role).contentType("text/csv").body("x".getBytes()).queryParam("format", "twcs").post("/api/import")
                    .then().statusCode(403);
            as(role).get("/api/dead-letters").then().statusCode(403);
        }
        as(Roles.ADMIN).get("/api/dead-letters").then().statusCode(200);
    }

    @Test
    void anonymousCallersAreAskedToAuthenticate() {
        given().get("/api/conversations").then().statusCode(401);
        given().get("/api/dead-letters").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/api/rules").then().statusCode(401);
    }

    @Test
    void aRememberedLogInDoesNotLetAWrongPasswordIn() {
        as(Roles.AGENT).get("/api/rules").then().statusCode(200);
        given().auth().preemptive().basic("role-test-" + Roles.AGENT, PASSWORD + "x").get("/api/rules")
                .then().statusCode(401);
        given().auth().preemptive().basic("role-test-nobody", PASSWORD).get("/api/rules").then().statusCode(401);
    }
}
