package io.earshot.account;

import static io.earshot.account.Accounts.PASSWORD;
import static io.earshot.account.Accounts.basic;
import static io.earshot.account.Accounts.user;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Guessing passwords over HTTP Basic or the log-in form gets a user name locked out. */
@QuarkusTest
class LogInThrottlingTest {

    private static final String WRONG = "not-the-password";

    @Inject
    MeterRegistry registry;

    private double lockedOutRefusals() {
        return registry.counter("earshot.login.failures", "reason", "locked-out").count();
    }

    private static Response basicAs(String name, String password) {
        return given().auth().preemptive().basic(name, password).get("/api/rules");
    }

    private static Response form(String name, String password) {
        return given().redirects().follow(false).formParam("j_username", name).formParam("j_password", password)
                .post("/j_security_check");
    }

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneIsRefusedLikeAWrongOne() {
        String name = user(Roles.AGENT);
        Response wrong = null;
        for (int i = 0; i < 5; i++) {
            wrong = basicAs(name, WRONG);
            assertEquals(401, wrong.statusCode());
        }
        double before = lockedOutRefusals();
        Response right = basicAs(name, PASSWORD);
        assertEquals(401, right.statusCode());
        assertEquals(wrong.header("WWW-Authenticate"), right.header("WWW-Authenticate"));
        assertEquals(wrong.asString(), right.asString());
        assertEquals(before + 1, lockedOutRefusals());
        form(name, PASSWORD).then().statusCode(302).header("Location", endsWith("/login?error=true"));
    }

    @Test
    void theLogInFormIsThrottledToo() {
        String name = user(Roles.ANALYST);
        for (int i = 0; i < 5; i++) {
            form(name, WRONG).then().statusCode(302).header("Location", endsWith("/login?error=true"));
        }
        form(name, PASSWORD).then().statusCode(302).header("Location", endsWith("/login?error=true"));
        basicAs(name, PASSWORD).then().statusCode(401);
    }

    @Test
    void anUnknownNameIsThrottledLikeAKnownOne() {
        String nobody = "nobody-" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            basicAs(nobody, WRONG).then().statusCode(401);
        }
        double before = lockedOutRefusals();
        basicAs(nobody, WRONG).then().statusCode(401);
        assertEquals(before + 1, lockedOutRefusals());
    }

    @Test
    void aRememberedBasicLogInKeepsWorkingWhileSomeoneGuessesAtTheName() {
        String name = user(Roles.AGENT);
        basic(name).get("/api/rules").then().statusCode(200);
        for (int i = 0; i < 6; i++) {
            basicAs(name, WRONG).then().statusCode(401);
        }
        basic(name).get("/api/rules").then().statusCode(200);
        assertTrue(lockedOutRefusals() >= 1);
    }

    @Test
    void fewerThanFiveFailuresLockNothing() {
        String name = user(Roles.AGENT);
        for (int i = 0; i < 4; i++) {
            basicAs(name, WRONG).then().statusCode(401);
        }
        basic(name).get("/api/rules").then().statusCode(200);
    }
}
