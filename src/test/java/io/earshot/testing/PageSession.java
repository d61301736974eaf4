package io.earshot.testing;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import io.restassured.specification.RequestSpecification;

/**
 * A browser-like session for page tests: the form log-in's cookies plus the CSRF cookie a page hands
 * out, sent back as the {@code X-CSRF-Token} header on every request.
 */
public record PageSession(Map<String, String> cookies, String token) {

    /** Logs in through the form and fetches {@code page} to collect the CSRF cookie. */
    public static PageSession logIn(String username, String password, String page) {
        Map<String, String> cookies = new HashMap<>(Api.logIn(username, password));
        String token = given().cookies(cookies).get(page).then().statusCode(200).extract().cookie("earshot-csrf");
        cookies.put("earshot-csrf", token);
        return new PageSession(Map.copyOf(cookies), token);
    }

    /** A fresh request of this session (a REST Assured specification keeps the query of its last use). */
    public RequestSpecification request() {
        return given().cookies(cookies).header("X-CSRF-Token", token);
    }
}
