package io.earshot.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * Fault 4 of issue 7, against the packaged app: the index directory deleted, or a segment file
 * truncated, while the app is stopped. The app starts, rebuilds the index from the database, and
 * search answers exactly as before; the database loses nothing.
 */
class IndexLossIT {

    private static final ThreadedPosts POSTS = new ThreadedPosts("idx", "parcel", 600);
    private static final List<Map<String, String>> QUERIES = List.of(
            Map.of("q", "parcel", "sort", "newest", "limit", "50"),
            Map.of("q", "#order3", "sort", "oldest", "limit", "50", "facets", "hashtag"),
            Map.of("q", "\"in thread\"", "sort", "newest", "limit", "100", "group", "conversation"),
            Map.of("q", "reply AND thread", "sort", "newest", "limit", "20"));

    private static AppProcess app;

    @BeforeAll
    static void importPosts() throws IOException {
        app = new AppProcess("index-loss", Files.createTempDirectory("earshot-index-loss-"), Map.of()).start();
        app.admin().contentType("application/json").body("{\"name\":\"parcels\",\"query\":\"parcel\"}")
                .post("/api/rules").then().statusCode(201);
        app.admin().contentType("application/x-ndjson").body(POSTS.ndjson()).queryParam("format", "ndjson")
                .post("/api/import").then().statusCode(200);
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aDeletedIndexIsRebuiltFromTheDatabaseAndSearchAnswersAsBefore() throws IOException {
        List<String> before = searches();
        app.stop();
        StoredState stored = StoredState.read(app.dataDir());
        deleteTree(app.indexDir());

        app.start();
        assertEquals(before, searches());
        assertEquals(POSTS.posts(), app.indexedDocuments());
        app.stop();
        assertEquals(List.of(), StoredState.read(app.dataDir()).problems(POSTS));
        assertEquals(stored.conversationOfPost(), StoredState.read(app.dataDir()).conversationOfPost());
        app.start();
    }

    @Test
    void aTruncatedSegmentFileIsNoticedAndTheIndexRebuiltFromTheDatabase() throws IOException {
        List<String> before = searches();
        app.stop();
        Path segment = largestFile(app.indexDir());
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }

        app.start();
        assertTrue(app.logContains("Index under"), "the log says the index was damaged and set aside");
        assertEquals(before, searches());
        assertEquals(POSTS.posts(), app.indexedDocuments());
        app.stop();
        assertEquals(List.of(), StoredState.read(app.dataDir()).problems(POSTS));
        app.start();
    }

    /** The answers to the queries: totals, hits in order, facets (scores may move after a rebuild). */
    private static List<String> searches() {
        return QUERIES.stream().map(q -> {
            JsonPath json = app.admin().queryParams(q).get("/api/search").then().statusCode(200).extract().jsonPath();
            return json.getString("total") + " " + json.getString("items.postId") + " "
                    + json.getString("items.conversationId") + " " + json.getString("facets");
        }).toList();
    }

    private static Path largestFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("write.lock"))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
