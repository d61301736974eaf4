package io.earshot.conversation;

import static io.earshot.testing.Api.ndjson;
import static io.earshot.testing.Api.post;
import static io.earshot.testing.Api.rule;
import static io.earshot.testing.Api.uniqueWord;
import static io.restassured.RestAssured.given;

import io.earshot.account.Roles;
import io.earshot.account.User;
import io.earshot.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.specification.RequestSpecification;

/** Tiny factories for triage and reply tests: one user per role, and a fresh conversation. */
public final class Staff {

    public static final String AGENT = "staff-agent";
    public static final String OTHER_AGENT = "staff-agent-2";
    public static final String ANALYST = "staff-analyst";
    private static final String PASSWORD = "staff-password";

    private Staff() {
    }

    /** Creates the staff users unless they exist. */
    public static void hire() {
        QuarkusTransaction.requiringNew().run(() -> {
            add(AGENT, Roles.AGENT);
            add(OTHER_AGENT, Roles.AGENT);
            add(ANALYST, Roles.ANALYST);
        });
    }

    public static RequestSpecification as(String username) {
        return given().auth().preemptive().basic(username, PASSWORD);
    }

    public static RequestSpecification agent() {
        return as(AGENT);
    }

    public static RequestSpecification analyst() {
        return as(ANALYST);
    }

    /** A conversation holding one post, by {@code author}, with the external id {@code postId}. */
    public static long conversation(String postId, String author) {
        String word = uniqueWord();
        rule("staff " + word, word);
        ndjson(post(postId, author, "help with " + word));
        return Api.conversationOf(postId);
    }

    private static void add(String username, String role) {
        if (User.findByUsername(username).isEmpty()) {
            User.add(username, PASSWORD, role);
        }
    }
}
