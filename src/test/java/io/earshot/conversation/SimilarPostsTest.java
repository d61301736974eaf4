package io.earshot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Near-duplicate signatures and the groups the incident view builds from them. */
class SimilarPostsTest {

    private static final Instant NOW = Instant.parse("2026-03-03T00:30:00Z");

    private static InboxRow row(long id, String text) {
        return new InboxRow(id, "someone", text, List.of(), Set.of("t" + id), "open", "normal", null, 1, NOW, false,
                SimilarPosts.signature(text));
    }

    @Test
    void caseAccentsMentionsLinksNumbersAndPunctuationDoNotMatter() {
        String signature = SimilarPosts.signature("@AcmeSupport the app is DOWN again!!! https://t.co/abc123 #fail");
        assertEquals("the app is down again fail", signature);
        assertEquals(signature, SimilarPosts.signature("the app is down again 😡 @acme_help #Fail 2026"));
        assertEquals(signature, SimilarPosts.signature("The app is down AGAIN... www.example.com/x (fail)"));
        assertEquals("cafe ferme", SimilarPosts.signature("Café fermé?"));
    }

    @Test
    void differentWordsAreDifferentPostsAndNothingLeftIsNoSignature() {
        assertNotEquals(SimilarPosts.signature("the app is down"), SimilarPosts.signature("the app is up"));
        assertNull(SimilarPosts.signature("@acme https://t.co/x 123 !!!"));
        assertNull(SimilarPosts.signature(""));
    }

    @Test
    void rowsWithTheSameSignatureFormOneGroupLargestFirst() {
        List<SimilarGroup> groups = SimilarGroup.of(List.of(row(9, "refund please"), row(8, "App down!"),
                row(7, "@acme app DOWN"), row(6, "https://t.co/only-a-link"), row(5, "app down 2"),
                row(4, "https://t.co/another-link")));
        assertEquals(List.of("8,7,5", "9", "6", "4"), groups.stream().map(SimilarGroup::ids).toList());
        SimilarGroup down = groups.get(0);
        assertEquals(3, down.size());
        assertEquals(8, down.first().id());
        assertEquals(Set.of("t8", "t7", "t5"), down.tags());
        assertEquals("—", down.assignees());
    }
}
