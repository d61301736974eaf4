package io.earshot.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TldLists;

/**
 * {@link EntityExtractor} skips twitter-text's URL pattern on text that cannot hold a URL and starts
 * its hashtag and mention patterns near their sigils; these check that the shortcuts never change an
 * answer.
 */
class EntityExtractorTest {

    private static final Extractor TWITTER_TEXT = new Extractor();

    @Test
    void everyTopLevelDomainStartsWithALetterTheScreenLetsThrough() {
        List<String> tlds = new ArrayList<>(TldLists.GTLDS);
        tlds.addAll(TldLists.CTLDS);
        for (String tld : tlds) {
            assertTrue(EntityExtractor.mayHoldUrl("a." + tld), tld);
            assertTrue(EntityExtractor.mayHoldUrl("a." + tld.toUpperCase(java.util.Locale.ROOT)), tld);
        }
        assertTrue(EntityExtractor.mayHoldUrl("a.xn--p1ai"), "punycode");
    }

    @Test
    void sentencesWithoutADotBeforeALetterAreScreenedOut() {
        assertFalse(EntityExtractor.mayHoldUrl("my order never arrived. Again, 3 days late."));
        assertFalse(EntityExtractor.mayHoldUrl("wait... 1.5 hours!"));
        assertTrue(EntityExtractor.mayHoldUrl("see t.co/abc"));
        assertTrue(EntityExtractor.mayHoldUrl("ver ejemplo.españa"));
    }

    @Test
    void screenedExtractionAgreesWithTwitterTextOnRandomText() {
        String[] pieces = { "a", "z", "Q", "x", "1", "9", " ", " ", " ", ".", ".", "..", "/", ":", "#", "＃", "@", "＠",
                "$", "-", "_", "?", "=", "&", "(", ")", "é", "ñ", "рф", "中国", "😀", "\u200f", "\u3000", "com", "co",
                "jp", "de", "http://", "https://", "t.co/", "www.", "xn--", "example", "acme", "AAPL", ",", "!", "RT", "RT:",
                "rt ", "\uFE0F", "\u20E3", "://", "/list", "&", "~", "+", "ß", "١" };
        Random random = new Random(20261127);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(30);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            assertSameAsTwitterText(text.toString());
        }
    }

    @Test
    void screenedExtractionAgreesWithTwitterTextOnPostsLikeTheGenerators() {
        for (String text : List.of("@ZentrixSupport my order #A123 never arrived.", "refund please. https://t.co/abc123",
                "#zentrixfail again... see zentrix.com/help.", "$AAPL up. $TSLA down.", "dot.at end.", "Mail me.a@b.co",
                "emoji.😀 then.é", "trailing dot.")) {
            assertSameAsTwitterText(text);
        }
    }

    private static void assertSameAsTwitterText(String text) {
        Entities entities = EntityExtractor.extract(text);
        assertEquals(TWITTER_TEXT.extractHashtags(text), entities.hashtags(), "hashtags of: " + text);
        assertEquals(TWITTER_TEXT.extractMentionedScreennames(text), entities.mentions(), "mentions of: " + text);
        assertEquals(TWITTER_TEXT.extractCashtags(text), entities.cashtags(), "cashtags of: " + text);
        assertEquals(TWITTER_TEXT.extractURLs(text), entities.urls(), "urls of: " + text);
    }
}
