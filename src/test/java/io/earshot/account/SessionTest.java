package io.earshot.account;

import static io.earshot.account.Accounts.logIn;
import static io.earshot.account.Accounts.user;
import static io.earshot.account.Accounts.withToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.earshot.testing.Api;
import io.earshot.web.CsrfTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

/** Form log-in sessions: fresh on log-in, gone on log-out, and re-checked against the database on every request. */
@QuarkusTest
class SessionTest {

    private static final String SESSION = SessionIdentityProvider.SESSION_COOKIE;
    private static final String STAMP = SessionIdentityProvider.STAMP_COOKIE;

    @Test
    void logInSetsAFreshSessionEvenOverAPlantedOne() {
        Response loginPage = given().get("/login");
        assertNull(loginPage.getCookie(SESSION), "no session before log-in");
        String csrfBefore = loginPage.getCookie(CsrfTokens.COOKIE);
        assertNotNull(csrfBefore);

        Map<String, String> planted = logIn(user(Roles.AGENT));
        String victim = user(Roles.AGENT);
        Map<String, String> sent = new HashMap<>(planted);
        sent.put(CsrfTokens.COOKIE, csrfBefore);
        Response login = given().cookies(sent).redirects().follow(false).formParam("j_username", victim)
                .formParam("j_password", Accounts.PASSWORD).post("/j_security_check");
        assertEquals(302, login.statusCode());
        assertNotNull(login.getCookie(SESSION));
        assertNotEquals(planted.get(SESSION), login.getCookie(SESSION));
        assertNotEquals(planted.get(STAMP), login.getCookie(STAMP));
        // The CSRF token from before log-in is dropped, so a planted token does not carry into the session.
        Cookie csrfAfter = login.getDetailedCookie(CsrfTokens.COOKIE);
        assertEquals("", csrfAfter.getValue());
        assertEquals(0, csrfAfter.getMaxAge());
    }

    @Test
    void logOutExpiresTheSessionCookies() {
        Map<String, String> session = logIn(user(Roles.ANALYST));
        given().cookies(session).get("/api/rules").then().statusCode(200);
        Response logout = withToken(session).post("/logout");
        assertEquals(204, logout.statusCode());
        assertEquals("/login", logout.header("HX-Redirect"));
        for (String cookie : new String[] { SESSION, STAMP }) {
            assertEquals(0, logout.getDetailedCookie(cookie).getMaxAge(), cookie);
            assertEquals("", logout.getDetailedCookie(cookie).getValue(), cookie);
        }
    }

    @Test
    void aDeletedUsersSessionIsDeadAtOnce() {
        String name = user(Roles.AGENT);
        Map<String, String> session = logIn(name);
        given().cookies(session).get("/api/rules").then().statusCode(200);
        Api.admin().delete("/api/users/" + name).then().statusCode(204);
        given().cookies(session).get("/api/rules").then().statusCode(401);
        given().cookies(session).redirects().follow(false).get("/admin/users").then().statusCode(302)
                .header("Location", endsWith("/login"));
    }

    @Test
    void aPasswordChangeEndsTheUsersSessionsAtOnce() {
        String name = user(Roles.AGENT);
        Map<String, String> session = logIn(name);
        given().cookies(session).get("/api/rules").then().statusCode(200);
        Api.admin().contentType(ContentType.JSON).body("{\"password\":\"another-password\"}")
                .patch("/api/users/" + name).then().statusCode(200);
        given().cookies(session).get("/api/rules").then().statusCode(401);
        Map<String, String> fresh = Api.logIn(name, "another-password");
        given().cookies(fresh).get("/api/rules").then().statusCode(200);
    }

    @Test
    void aRoleChangeReachesAnOpenSessionAtOnce() {
        String name = user(Roles.AGENT);
        Map<String, String> session = logIn(name);
        given().cookies(session).get("/api/users").then().statusCode(403);
        Api.admin().contentType(ContentType.JSON).body("{\"role\":\"admin\"}").patch("/api/users/" + name)
                .then().statusCode(200);
        given().cookies(session).get("/api/users").then().statusCode(200);
    }

    @Test
    void aSessionCookieWithoutItsStampIsRefused() {
        Map<String, String> session = logIn(user(Roles.ADMIN));
        given().cookie(SESSION, session.get(SESSION)).get("/api/rules").then().statusCode(401);
        given().cookie(SESSION, session.get(SESSION)).cookie(STAMP, "forged").get("/api/rules").then()
                .statusCode(401);
    }

    @Test
    void aDeadSessionIsClearedAndTheLogInPageStillOpens() {
        String name = user(Roles.AGENT);
        Map<String, String> session = logIn(name);
        Api.admin().delete("/api/users/" + name).then().statusCode(204);
        Response page = given().cookies(session).redirects().follow(false).get("/inbox");
        assertEquals(302, page.statusCode());
        assertEquals(0, page.getDetailedCookie(SESSION).getMaxAge());
        given().redirects().follow(false).get("/login").then().statusCode(200);
    }

    @Test
    void aLogInPostedFromAnotherSiteIsRefused() {
        String name = user(Roles.AGENT);
        Response forged = given().redirects().follow(false).header("Origin", "https://evil.example")
                .formParam("j_username", name).formParam("j_password", Accounts.PASSWORD).post("/j_security_check");
        assertEquals(403, forged.statusCode());
        assertNull(forged.getCookie(SESSION));
        String here = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
        given().redirects().follow(false).header("Origin", here).formParam("j_username", name)
                .formParam("j_password", Accounts.PASSWORD).post("/j_security_check").then().statusCode(302)
                .header("Location", endsWith("/inbox"));
    }
}
