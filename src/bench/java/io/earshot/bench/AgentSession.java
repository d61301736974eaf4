package io.earshot.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.earshot.conversation.QueuePosition;
import io.earshot.web.CsrfTokens;

/**
 * One agent user of the app as a browser is: created through the API, logged in through the form,
 * with its own {@link HttpClient} and cookies, looping over the inbox pages. The pages and the soak
 * sections both drive their agents through this.
 */
final class AgentSession {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "bench-agent-password";

    /** What an agent asks for in a round, in the order it asks. */
    enum Kind {
        QUEUE("queue `/inbox` (default view)"),
        QUEUE_LATER("queue `/inbox?view=all&cursor=…` (a later page)"),
        CONVERSATION("conversation `/conversations/{id}`"),
        COMPOSER("composer `/conversations/{id}/composer`");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** What the agents ask for: conversation ids and queue cursors spread over the whole queue. */
    record Targets(long[] conversations, List<String> cursors) {

        /** Every conversation id and {@code cursors} cursors to later pages, read from the app's database. */
        static Targets read(String database, long seed, int cursors) throws Exception {
            List<Long> ids = new ArrayList<>();
            List<String> positions = new ArrayList<>();
            try (Connection c = Postgres.connect(database); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select id from conversation order by id")) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                // A later page is anywhere in the queue: the keyset cursor makes page 4,000 cost what page 2 does.
                // Each conversation stands once in the queue, so random conversations' positions are random
                // queue positions, read by primary key: an OFFSET scan costs a third of a second at millions
                // of conversations, on the PostgreSQL the soak's store stage is measured on.
                Object[] picked = ids.isEmpty() ? new Object[0]
                        : new SplittableRandom(seed).ints(cursors, 0, ids.size()).mapToObj(ids::get).toArray();
                try (PreparedStatement p = c.prepareStatement(
                        "select last_activity_at, id from conversation where id = any(?)")) {
                    p.setArray(1, c.createArrayOf("bigint", picked));
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            positions.add(new QueuePosition(rs.getTimestamp(1).toInstant(), rs.getLong(2)).encode());
                        }
                    }
                }
            }
            return new Targets(ids.stream().mapToLong(Long::longValue).toArray(), positions);
        }
    }

    /** Hears every answer of a round, bad ones included. */
    interface Answers {
        void answered(Kind kind, String path, long startedNanos, long finishedNanos, HttpResponse<byte[]> answer);
    }

    private final App app;
    private final HttpClient client;
    private final CookieManager cookies;

    private AgentSession(App app, HttpClient client, CookieManager cookies) {
        this.app = app;
        this.client = client;
        this.cookies = cookies;
    }

    /** Creates the agent users {@code agent01}, {@code agent02}, … through the API and logs each in. */
    static List<AgentSession> createAndLogIn(App app, int count) throws IOException, InterruptedException {
        List<AgentSession> sessions = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String username = String.format(Locale.ROOT, "agent%02d", i);
            app.post("/api/users", "application/json", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                    Map.of("username", username, "password", PASSWORD, "role", "agent"))));
            sessions.add(logIn(app, username));
        }
        return sessions;
    }

    /** Logs in through the form as a browser does; the client keeps every cookie the app sets. */
    private static AgentSession logIn(App app, String username) throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String form = "j_username=" + App.encode(username) + "&j_password=" + App.encode(PASSWORD);
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(app.uri("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("log-in of " + username + " failed: " + answer.statusCode() + " " + location);
        }
        HttpResponse<String> inbox = client.send(HttpRequest.newBuilder(app.uri("/inbox")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (inbox.statusCode() != 200) {
            throw new IllegalStateException("the inbox answered " + username + " with " + inbox.statusCode());
        }
        return new AgentSession(app, client, cookies);
    }

    /**
     * One round of the page loop: the default queue, a later page of "all", a random conversation and
     * its composer, each answer handed to {@code answers}.
     *
     * @param thinkMillis mean of the exponentially distributed pause after each page, 0 for none
     */
    void round(Targets targets, SplittableRandom random, int thinkMillis, Answers answers)
            throws IOException, InterruptedException {
        long conversation = targets.conversations()[random.nextInt(targets.conversations().length)];
        String cursor = targets.cursors().get(random.nextInt(targets.cursors().size()));
        for (Kind kind : Kind.values()) {
            String path = switch (kind) {
                case QUEUE -> "/inbox";
                case QUEUE_LATER -> "/inbox?view=all&cursor=" + cursor;
                case CONVERSATION -> "/conversations/" + conversation;
                case COMPOSER -> "/conversations/" + conversation + "/composer";
            };
            long started = System.nanoTime();
            HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(app.uri(path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            answers.answered(kind, path, started, System.nanoTime(), answer);
            if (thinkMillis > 0) {
                Thread.sleep(Math.round(-Math.log(1 - random.nextDouble()) * thinkMillis));
            }
        }
    }

    /**
     * Posts a form as the pages' htmx does: with the session's cookies and, in the {@code X-CSRF-Token}
     * header, the token of the {@code earshot-csrf} cookie (the page would have it written into it).
     */
    HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(app.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(CsrfTokens.HEADER, csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrfToken() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(CsrfTokens.COOKIE))
                .map(HttpCookie::getValue).findFirst().orElse("");
    }
}
