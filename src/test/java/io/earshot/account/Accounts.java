package io.earshot.account;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.earshot.testing.Api;
import io.earshot.web.CsrfTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.specification.RequestSpecification;

/** Tiny factories for tests of users, log-in and sessions. */
public final class Accounts {

    /** The password of every user these factories create. */
    public static final String PASSWORD = "accounts-test-password";

    private Accounts() {
    }

    /** Creates a user with this role and a name no other test uses, and answers the name. */
    public static String user(String role) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> User.add(name, PASSWORD, role));
        return name;
    }

    /** A request authenticated with HTTP Basic as this user. */
    public static RequestSpecification basic(String username) {
        return given().auth().preemptive().basic(username, PASSWORD);
    }

    /** Logs this user in through the form; answers the session's cookies. */
    public static Map<String, String> logIn(String username) {
        return Api.logIn(username, PASSWORD);
    }

    /**
     * A request in this session that carries a CSRF token, as a page's htmx request does: the token is
     * fetched from a page, which sets its cookie.
     */
    public static RequestSpecification withToken(Map<String, String> session) {
        Map<String, String> cookies = new HashMap<>(session);
        String token = given().cookies(session).redirects().follow(false).get("/login").then().extract()
                .cookie(CsrfTokens.COOKIE);
        if (token == null) {
            token = session.get(CsrfTokens.COOKIE);
        }
        cookies.put(CsrfTokens.COOKIE, token);
        return given().cookies(cookies).header(CsrfTokens.HEADER, token).redirects().follow(false);
    }
}
