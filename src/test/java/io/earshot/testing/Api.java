package io.earshot.testing;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.earshot.conversation.Message;
import io.quarkus.narayana.jta.QuarkusTransaction;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Tiny factories for API tests: an authenticated request, post envelopes, rules, unique words. */
public final class Api {

    /** The admin password the test profile configures. */
    public static final String ADMIN_PASSWORD = "test-admin-password";

    /** Creation times increase post by post, so later posts are newer. */
    private static final AtomicLong CLOCK = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private Api() {
    }

    public static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", ADMIN_PASSWORD);
    }

    /** A word no other test uses, so tests sharing one database do not see each other's posts. */
    public static String uniqueWord() {
        return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A unique post id. */
    public static String uniqueId() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    }

    /** A post envelope on platform x. */
    public static String post(String id, String handle, String text) {
        return post(id, handle, text, null);
    }

    /** A post envelope on platform x replying to {@code inReplyTo} (or to nothing when null). */
    public static String post(String id, String handle, String text, String inReplyTo) {
        return "{\"id\":\"" + id + "\",\"platform\":\"x\",\"author\":{\"handle\":\"" + handle + "\",\"name\":\""
                + handle + "\",\"followers\":10},\"text\":\"" + text + "\",\"created_at\":\""
                + Instant.ofEpochMilli(CLOCK.addAndGet(1000)) + "\"" + (inReplyTo == null ? "" : ",\"in_reply_to\":\"" + inReplyTo + "\"")
                + ",\"lang\":\"en\"}";
    }

    /** Creates a rule and answers its id. */
    public static long rule(String name, String query) {
        return admin().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"query\":\"" + query.replace("\"", "\\\"") + "\"}")
                .post("/api/rules").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Posts NDJSON lines and answers the response body's accepted count. */
    public static io.restassured.response.ValidatableResponse ndjson(String... lines) {
        return admin().contentType("application/x-ndjson").body((String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/posts").then().statusCode(200);
    }

    /** The conversation holding the stored post with this external id on x, or null. */
    public static Long conversationOf(String externalId) {
        return QuarkusTransaction.requiringNew().call(() -> Message.<Message>find("platform = 'x' and externalId = ?1",
                externalId).firstResultOptional().map(m -> m.conversationId).orElse(null));
    }

    /**
     * Logs in through the log-in form, as a browser does, and answers the cookies a browser keeps
     * afterwards: the session ({@code quarkus-credential}) and its stamp ({@code earshot-session}).
     * Send them all with {@code given().cookies(...)}; the session alone is refused.
     */
    public static Map<String, String> logIn(String username, String password) {
        Map<String, String> cookies = new HashMap<>(given().redirects().follow(false)
                .formParam("j_username", username).formParam("j_password", password).post("/j_security_check")
                .then().statusCode(302).extract().cookies());
        // Log-in expires the CSRF cookie (value ""); a browser drops it.
        cookies.values().removeIf(String::isEmpty);
        return cookies;
    }
}
