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
        String[] words = { "acme", "acmecorp", "widget", "wide", "apple", "refund", "refundable", "#acmeday", "zz" };
        assertMatchesAsEachQueryAlone(prefixes, randomPosts(new Random(7), words, 200, 4));
    }

    /**
     * Posts that share no term with any rule skip Monitor ({@link CandidateTerms}): every kind of rule
     * must still match exactly the posts its query matches, including rules the presearcher cannot
     * index by terms, which make every post a candidate.
     */
    @Test
    void everyKindOfRuleMatchesExactlyWhatItsQueryMatchesWhenMostPostsShareNoTermWithAnyRule() {
        List<String> rules = List.of("refund", "\"never arrived\"", "widget AND NOT job", "acme OR acmecorp",
                "(broken OR cracked) AND screen*", "#AcmeFail", "@AcmeSupport", "$ACME", "cafe", "author:someone_else",
                "lang:fr AND widget", "url:\"https://acme.com/help\"", "hashtag:acm*", "\"order arrived\"~3",
                "caf\u00e9s", "\ud83d\ude00", "na\u00efve*");
        String[] words = { "refund", "never", "arrived", "widget", "job", "acme", "acmecorp", "broken", "screens",
                "screen", "#acmefail", "#acmeday", "@acmesupport", "$acme", "CAF\u00c9", "cafes", "order", "my",
                "the", "weather", "lunch", "https://acme.com/help", "\ud83d\ude00", "naive", "NA\u00cfVET\u00c9",
                "\ud800", "zebra", "quiet", "morning", "train", "widzet" };
        List<Post> posts = randomPosts(new Random(11), words, 2_000, 3);
        assertMatchesAsEachQueryAlone(rules, posts);

        List<String> withWildcard = new ArrayList<>(rules);
        withWildcard.add("wid?et");
        assertMatchesAsEachQueryAlone(withWildcard, posts);
    }

    @Test
    void aRuleEditedToOtherWordsMatchesItsNewWordsOnly() {
        matcher.register(1, "refund");
        matcher.register(1, "widget");
        assertEquals(Set.of(), matches("refund please"));
        assertEquals(Set.of(1L), matches("my widget"));
    }

    private static List<Post> randomPosts(Random random, String[] words, int count, int wordsEach) {
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < wordsEach; w++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            posts.add(post(text.toString()));
        }
        return posts;
    }

    /** Registers the rules under their positions and checks each post against every query run alone on it. */
    private void assertMatchesAsEachQueryAlone(List<String> rules, List<Post> posts) {
        for (int i = 0; i < rules.size(); i++) {
            matcher.register(i, rules.get(i));
        }
        List<Set<Long>> got = matcher.match(posts);
        QueryLanguage language = new QueryLanguage(PostAnalyzer.create());
        for (int p = 0; p < posts.size(); p++) {
            MemoryIndex index = MemoryIndex.fromDocument(PostDocuments.content(posts.get(p)), PostAnalyzer.create());
            Set<Long> expected = new java.util.HashSet<>();
            for (int i = 0; i < rules.size(); i++) {
                Query q = language.parse(rules.get(i));
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
