package io.earshot.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.earshot.post.Author;
import io.earshot.post.EntityExtractor;
import io.earshot.post.Post;
import io.earshot.search.InvalidQueryException;
import io.earshot.search.PostAnalyzer;
import io.earshot.search.PostDocuments;
import io.earshot.search.QueryLanguage;

/** Rule matching on a real Lucene Monitor. */
class RuleMatcherTest {

    private final RuleMatcher matcher = new RuleMatcher(3, 2);

    @AfterEach
    void close() throws Exception {
        matcher.close();
    }

    static Post post(String text) {
        return new Post("x", "1", new Author("jane_doe", null, null), text, Instant.parse("2026-11-25T09:00:00Z"), null,
                "en", null, null, EntityExtractor.extract(text), "{}");
    }

    /** Posts "even 0", "odd 1", "even 2", ... */
    private static List<Post> evenAndOdd(int n) {
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            posts.add(post(i % 2 == 0 ? "even " + i : "odd " + i));
        }
        return posts;
    }

    private Set<Long> matches(String text) {
        return matcher.match(List.of(post(text))).get(0);
    }

    @Test
    void keywordsPhrasesAndBooleansMatchAsWritten() {
        matcher.register(1, "refund");
        matcher.register(2, "\"never arrived\"");
        matcher.register(3, "widget AND NOT job");
        matcher.register(4, "\"order arrived\"~3");
        assertEquals(Set.of(1L, 2L), matches("My REFUND never arrived"));
        assertEquals(Set.of(3L), matches("the widget is great"));
        assertEquals(Set.of(), matches("widget job opening"));
        assertEquals(Set.of(4L), matches("my order finally arrived"));
    }

    @Test
    void hashtagMentionAndCashtagShorthandsMatchTheEntities() {
        matcher.register(1, "#AcmeFail");
        matcher.register(2, "@AcmeSupport");
        matcher.register(3, "$ACME");
        assertEquals(Set.of(1L, 2L), matches("@acmesupport this is a #acmefail"));
        assertEquals(Set.of(3L), matches("buying $acme today"));
        assertEquals(Set.of(), matches("acmefail acmesupport without sigils"));
    }

    @Test
    void accentsAndCaseAreFolded() {
        matcher.register(1, "cafe");
        assertEquals(Set.of(1L), matches("Best CAFÉ in town"));
    }

    @Test
    void prefixRulesMatchExactlyWhatTheQueryMatches() {
        List<String> prefixes = List.of("acme*", "wid*", "a*", "refundable*", "zzz*", "hashtag:acm*");
        for (int i = 0; i < prefixes.size(); i++) {
            matcher.register(i, prefixes.get(i));
        }
        Random random = new Random(7);
        String[] words = { "acme", "acmecorp", "widget", "wide", "apple", "refund", "refundable", "#acmeday", "zz" };
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 4; w++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            posts.add(post(text.toString()));
        }
        List<Set<Long>> got = matcher.match(posts);
        QueryLanguage language = new QueryLanguage(PostAnalyzer.create());
        for (int p = 0; p < posts.size(); p++) {
            MemoryIndex index = MemoryIndex.fromDocument(PostDocuments.content(posts.get(p)), PostAnalyzer.create());
            Set<Long> expected = new java.util.HashSet<>();
            for (int i = 0; i < prefixes.size(); i++) {
                Query q = language.parse(prefixes.get(i));
                if (index.search(q) > 0) {
                    expected.add((long) i);
                }
            }
            assertEquals(expected, got.get(p), posts.get(p).text());
        }
    }

    @Test
    void aRemovedRuleStopsMatchingAtTheNextCall() {
        matcher.register(1, "refund");
        assertEquals(Set.of(1L), matches("refund please"));
        matcher.remove(1);
        assertEquals(Set.of(), matches("refund please"));
    }

    @Test
    void everythingRuleMatchesEveryPost() {
        matcher.register(9, "*:*");
        assertEquals(Set.of(9L), matches("anything at all"));
    }

    @Test
    void everythingRuleJoinsTheMatchesOfOtherRulesOnEveryPostOfABatch() {
        matcher.register(1, "even");
        matcher.register(9, "*:*");
        List<Set<Long>> got = matcher.match(evenAndOdd(10));
        for (int i = 0; i < 10; i++) {
            assertEquals(i % 2 == 0 ? Set.of(1L, 9L) : Set.of(9L), got.get(i), "post " + i);
        }
    }

    @Test
    void aRuleEditedIntoAndOutOfEverythingMatchesAsItsNewQuery() {
        matcher.register(1, "refund");
        matcher.register(1, "*:*");
        assertEquals(Set.of(1L), matches("no money back words here"));
        matcher.register(1, "refund");
        assertEquals(Set.of(), matches("no money back words here"));
        assertEquals(Set.of(1L), matches("refund please"));
        matcher.register(1, "*:*");
        matcher.remove(1);
        assertEquals(Set.of(), matches("refund please"));
    }

    @Test
    void batchesKeepPostOrderAcrossChunksAndThreads() {
        matcher.register(1, "even");
        List<Set<Long>> got = matcher.match(evenAndOdd(50));
        for (int i = 0; i < 50; i++) {
            assertEquals(i % 2 == 0 ? Set.of(1L) : Set.of(), got.get(i), "post " + i);
        }
    }

    @Test
    void anInvalidRuleIsRefusedWithAPosition() {
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> matcher.register(1, "acme AND"));
        assertEquals(true, e.position() >= 0, "position " + e.position());
    }
}
