package io.earshot.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.earshot.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Pages, the API and refusals all carry the headers that keep scripts, frames and sniffing out. */
@QuarkusTest
class SecurityHeadersTest {

    private static void hasSecurityHeaders(ValidatableResponse response) {
        response.header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("object-src 'none'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("same-origin"));
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        hasSecurityHeaders(given().get("/login").then().statusCode(200));
        hasSecurityHeaders(given().cookies(Api.logIn("admin", Api.ADMIN_PASSWORD)).get("/admin/users").then()
                .statusCode(200));
    }

    @Test
    void theApiCarriesTheSecurityHeaders() {
        hasSecurityHeaders(Api.admin().get("/api/users").then().statusCode(200));
    }

    @Test
    void refusalsCarryTheSecurityHeaders() {
        hasSecurityHeaders(given().get("/api/users").then().statusCode(401));
        hasSecurityHeaders(given().redirects().follow(false).get("/admin/users").then().statusCode(302));
        hasSecurityHeaders(given().cookies(Api.logIn("admin", Api.ADMIN_PASSWORD)).contentType("application/json")
                .body("{}").post("/api/users").then().statusCode(403));
    }
}
