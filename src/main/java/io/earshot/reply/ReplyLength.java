package io.earshot.reply;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.twitter.twittertext.TwitterTextParser;

/**
 * How long a reply may be on its platform: on {@code x}, twitter-text's weighted length (URLs count 23,
 * most CJK characters 2) up to 280; elsewhere {@code earshot.reply.max-length} code points.
 */
@ApplicationScoped
public class ReplyLength {

    public static final String X = "x";
    public static final int X_LIMIT = 280;

    @Inject
    ReplyConfig config;

    /** A length measured against its platform's limit. */
    public record Measure(int length, int limit) {

        public boolean fits() {
            return length <= limit;
        }
    }

    /** The reply's length as its platform counts it, and the limit. */
    public Measure measure(String platform, String text) {
        if (X.equalsIgnoreCase(platform)) {
            return new Measure(TwitterTextParser.parseTweet(text).weightedLength, X_LIMIT);
        }
        return new Measure(text.codePointCount(0, text.length()), config.maxLength());
    }
}
