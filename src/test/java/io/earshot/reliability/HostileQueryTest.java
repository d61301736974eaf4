package io.earshot.reliability;

import static io.earshot.testing.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.earshot.search.InvalidQueryException;
import io.earshot.search.PostAnalyzer;
import io.earshot.search.QueryLanguage;
import io.earshot.search.QueryLanguageTest;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every hostile query is refused with a 400 by search and by rule creation, and no rule is stored for
 * it. Queries that come close to a bomb without being one are either refused or parse into a bounded
 * number of clauses. The time each refusal took is printed as a report (never asserted: the machine is shared).
 */
@QuarkusTest
public class HostileQueryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final QueryLanguage LANGUAGE = new QueryLanguage(PostAnalyzer.create());

    static Stream<String> mustRefuse() {
        return Stream.concat(QueryLanguageTest.hostileQueries().filter(q -> !q.isBlank()),
                Stream.of("(".repeat(QueryLanguage.MAX_NESTING + 1) + "acme" + ")".repeat(QueryLanguage.MAX_NESTING + 1),
                        "text:/.*/", "acme OR /[a-z]{1,99}/", "acme AND *me", "acme\u0007",
                        "created:[now-99999999y TO now]", "\"unclosed phrase AND (acme"));
    }

    /** Close to a bomb: wide, fuzzy, prefix, sloppy, open ranges. */
    static Stream<String> nearBombs() {
        String wide = IntStream.range(0, IndexSearcher.getMaxClauseCount() + 1).mapToObj(i -> "w" + Integer.toString(i, 36))
                .collect(Collectors.joining(" OR "));
        return Stream.of(wide.substring(0, Math.min(wide.length(), QueryLanguage.MAX_QUERY_LENGTH)), "a* b* c* d* e*",
                "acme~2 widget~2 parcel~2", "\"a b c d e f g h i j\"~10000", "created:[* TO *]", "acme^1000000",
                "x".repeat(QueryLanguage.MAX_QUERY_LENGTH), "(acme OR (widget OR (parcel OR (box))))", "#", "@", "$", "#" + "a".repeat(3000));
    }

    @Test
    void everyHostileQueryIsABadRequestFromSearchAndFromRuleCreation() {
        int rulesBefore = admin().get("/api/rules").then().statusCode(200).extract().jsonPath().getList("$").size();
        List<Long> searchMillis = new ArrayList<>();
        List<Long> ruleMillis = new ArrayList<>();
        List<String> queries = mustRefuse().toList();
        assertTrue(queries.size() >= 40, "corpus size " + queries.size());
        for (String q : queries) {
            long t0 = System.nanoTime();
            admin().queryParam("q", q).get("/api/search").then().statusCode(400)
                    .body("error", equalTo("invalid query")).body("detail", notNullValue());
            searchMillis.add((System.nanoTime() - t0) / 1_000_000);
            t0 = System.nanoTime();
            admin().contentType("application/json").body(json(Map.of("name", "hostile", "query", q)))
                    .post("/api/rules").then().statusCode(400).body("detail", notNullValue());
            ruleMillis.add((System.nanoTime() - t0) / 1_000_000);
        }
        assertEquals(rulesBefore, admin().get("/api/rules").then().statusCode(200).extract().jsonPath().getList("$").size(),
                "no hostile rule was stored");
        System.out.println("Hostile queries refused over HTTP (" + queries.size() + "): search " + summary(searchMillis)
                + "; rule creation " + summary(ruleMillis));
    }

    @Test
    void aQueryCloseToABombIsRefusedOrStaysWithinTheClauseLimit() {
        for (String q : nearBombs().toList()) {
            int status = admin().queryParam("q", q).get("/api/search").then().extract().statusCode();
            assertTrue(status == 200 || status == 400, q.substring(0, Math.min(40, q.length())) + " answered " + status);
            try {
                int clauses = clauses(LANGUAGE.parse(q));
                assertTrue(clauses <= IndexSearcher.getMaxClauseCount(), clauses + " clauses");
                assertEquals(200, status, "parsed, so searched");
            } catch (InvalidQueryException e) {
                assertEquals(400, status, "refused by the parser, so a bad request");
            }
        }
    }

    private static int clauses(Query query) {
        AtomicInteger leaves = new AtomicInteger();
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query q, org.apache.lucene.index.Term... terms) {
                leaves.addAndGet(terms.length);
            }

            @Override
            public void visitLeaf(Query q) {
                leaves.incrementAndGet();
            }

            @Override
            public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        return leaves.get();
    }

    private static String summary(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return "median " + sorted.get(sorted.size() / 2) + " ms, max " + sorted.get(sorted.size() - 1) + " ms";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
