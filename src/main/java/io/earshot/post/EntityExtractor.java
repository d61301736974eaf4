package io.earshot.post;

import java.util.List;

import com.twitter.twittertext.Extractor;

/**
 * Finds hashtags, mentions, cashtags and URLs the way Twitter does, with twitter-text.
 * Thread-safe: twitter-text's {@link Extractor} keeps no per-call state.
 */
public final class EntityExtractor {

    private static final Extractor EXTRACTOR = new Extractor();

    private EntityExtractor() {
    }

    public static Entities extract(String text) {
        if (text == null || text.isEmpty()) {
            return Entities.NONE;
        }
        return new Entities(
                EXTRACTOR.extractHashtags(text),
                EXTRACTOR.extractMentionedScreennames(text),
                EXTRACTOR.extractCashtags(text),
                List.copyOf(EXTRACTOR.extractURLs(text)));
    }
}
