package io.earshot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

public class QueryLanguageTest {

    private final QueryLanguage language = new QueryLanguage(PostAnalyzer.create());

    /** At least 30 inputs that must be refused with a reason; {@code SearchApiTest} sends them over HTTP too. */
    public static Stream<String> hostileQueries() {
        return Stream.of("status:open", "tag:vip", "", "   ", "(", ")", "((acme)", "acme)", "\"unclosed", "acme AND", "AND", "OR OR", "NOT",
                "*acme", "?cme", "*", "text:*", "/a.*b/", "/(a+)+$/", "acme:", ":acme", "nosuch:acme",
                "hashtag:", "acme^", "[a TO", "{a TO b", "created:yesterday", "created:[x TO y]",
                "created:acme*", "\\", "acme\\", "a".repeat(QueryLanguage.MAX_QUERY_LENGTH + 1),
                "(".repeat(5000) + "a" + ")".repeat(5000), "\u0000", "acme && ||", "+", "-", "!");
    }

    @ParameterizedTest
    @MethodSource("hostileQueries")
    void aHostileQueryIsRefusedWithAReason(String query) {
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> language.parse(query));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        assertTrue(!e.getMessage().contains("Exception"), "no Java names in the message: " + e.getMessage());
    }

    @Test
    void shorthandsBecomeEntityFields() {
        assertEquals("+hashtag:acme +mention:acmesupport +cashtag:acme", language.parse("#ACME @AcmeSupport $ACME").toString());
    }

    @Test
    void bareWordsAreAllRequired() {
        assertEquals("+text:order +text:late", language.parse("order late").toString());
    }

    @Test
    void theErrorSaysWhere() {
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> language.parse("acme AND (widget"));
        assertTrue(e.position() >= 0);
        InvalidQueryException unknown = assertThrows(InvalidQueryException.class, () -> language.parse("foo:bar"));
        assertTrue(unknown.getMessage().contains("unknown field 'foo'"), unknown.getMessage());
    }

    @Test
    void datesAndDateMathParseOnCreated() {
        for (String q : List.of("created:[now-7d TO now]", "created:2026-11-25", "created:[2026-11-01 TO 2026-11-30]",
                "created:[* TO now/d]", "created:{2026-01-01T00:00:00Z TO *}")) {
            Query parsed = language.parse(q);
            assertTrue(parsed.toString().startsWith("created:"), q + " -> " + parsed);
        }
    }
}
