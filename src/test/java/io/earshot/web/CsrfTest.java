package io.earshot.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.earshot.account.Accounts;
import io.earshot.account.Roles;
import io.earshot.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** A state-changing request riding on the session must carry the page's token and come from this site. */
@QuarkusTest
class CsrfTest {

    private Map<String, String> session;

    @BeforeEach
    void logIn() {
        session = Accounts.logIn(Accounts.user(Roles.ADMIN));
    }

    private static String newUser() {
        return "{\"username\":\"c" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"password\":\"csrf-test-password\",\"role\":\"agent\"}";
    }

    private static RequestSpecification json(RequestSpecification request) {
        return request.contentType(ContentType.JSON).body(newUser());
    }

    @Test
    void aSessionRequestWithoutTheTokenIsRefused() {
        json(given().cookies(session)).post("/api/users").then().statusCode(403).body("error", equalTo("csrf"));
    }

    @Test
    void aSessionRequestWithAWrongTokenIsRefused() {
        String wrong = "x".repeat(43);
        json(Accounts.withToken(session).header(CsrfTokens.HEADER, wrong)).post("/api/users").then().statusCode(403)
                .body("error", equalTo("csrf"));
        json(given().cookies(session).cookie(CsrfTokens.COOKIE, wrong).header(CsrfTokens.HEADER, wrong.replace('x', 'y')))
                .post("/api/users").then().statusCode(403);
    }

    @Test
    void aSessionRequestWithTheTokenPasses() {
        json(Accounts.withToken(session)).post("/api/users").then().statusCode(201);
    }

    @Test
    void aRequestFromAnotherSiteIsRefusedEvenWithTheToken() {
        json(Accounts.withToken(session).header("Origin", "https://evil.example")).post("/api/users").then()
                .statusCode(403).body("error", equalTo("csrf"));
        json(Api.admin().header("Origin", "https://evil.example")).post("/api/users").then().statusCode(403);
    }

    @Test
    void aRequestFromThisSiteWithTheTokenPasses() {
        String origin = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
        json(Accounts.withToken(session).header("Origin", origin)).post("/api/users").then().statusCode(201);
    }

    @Test
    void httpBasicApiClientsNeedNoToken() {
        json(Api.admin()).post("/api/users").then().statusCode(201);
    }

    @Test
    void readingNeedsNoToken() {
        given().cookies(session).get("/api/users").then().statusCode(200);
    }
}
