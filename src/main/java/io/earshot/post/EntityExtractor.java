package io.earshot.post;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.Regex;

/**
 * Finds hashtags, mentions, cashtags and URLs the way Twitter does, with twitter-text.
 * Thread-safe: twitter-text's {@link Extractor} keeps no per-call state.
 */
public final class EntityExtractor {

    private static final Extractor EXTRACTOR = new ScreeningExtractor();

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

    /**
     * Whether twitter-text's URL pattern could match anywhere in {@code text}. Every domain it accepts
     * ends in a literal {@code .} followed by a top-level domain or {@code xn--}, and every top-level
     * domain in its lists starts with an ASCII letter (matched case-insensitively) or a non-ASCII
     * letter. Text without such a dot (a sentence's full stop before a space or at the end) holds no
     * URL, so the pattern, whose big character classes are tried at every position of the text, need
     * not run. {@code EntityExtractorTest} checks the lists still agree.
     */
    static boolean mayHoldUrl(String text) {
        for (int i = text.indexOf('.'); i >= 0 && i + 1 < text.length(); i = text.indexOf('.', i + 1)) {
            char next = text.charAt(i + 1);
            if (next >= 0x80 || (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z')) {
                return true;
            }
        }
        return false;
    }

    /**
     * twitter-text with shortcuts that find the same entities sooner. Its patterns start with a class of
     * "preceding characters" (for hashtags, everything that is not one of thousands of letters, marks and
     * digits), and {@code Matcher.find} tries that class at every position of the text before it looks
     * for the sigil: a hashtag costs milliseconds on a long post, and most of the time is spent before
     * the first {@code #}. The overrides run twitter-text's own patterns and checks, only from where a
     * match can start: one character before a hashtag's sigil, four before a mention's ({@code xRT:@}).
     * {@code EntityExtractorTest} compares them with plain twitter-text on random text.
     */
    private static final class ScreeningExtractor extends Extractor {

        /** twitter-text only skips its URL pattern when the text has no dot at all; every URL search comes here. */
        @Override
        public List<Entity> extractURLsWithIndices(String text) {
            if (text == null || !mayHoldUrl(text)) {
                return List.of();
            }
            return super.extractURLsWithIndices(text);
        }

        @Override
        public List<Entity> extractHashtagsWithIndices(String text) {
            if (text == null || text.isEmpty() || mayHoldUrl(text)) {
                // With a URL about, twitter-text also drops the hashtags inside it; leave that to it.
                return super.extractHashtagsWithIndices(text);
            }
            List<Entity> found = new ArrayList<>();
            eachMatch(Regex.VALID_HASHTAG, text, '#', '\uFF03', 1, matcher -> {
                if (!Regex.INVALID_HASHTAG_MATCH_END.matcher(text.substring(matcher.end())).find()) {
                    found.add(new Entity(matcher, Entity.Type.HASHTAG, Regex.VALID_HASHTAG_GROUP_TAG));
                }
            });
            return found;
        }

        @Override
        public List<Entity> extractMentionsOrListsWithIndices(String text) {
            if (text == null || text.isEmpty()) {
                return List.of();
            }
            List<Entity> found = new ArrayList<>();
            eachMatch(Regex.VALID_MENTION_OR_LIST, text, '@', '\uFF20', 4, matcher -> {
                if (Regex.INVALID_MENTION_MATCH_END.matcher(text.substring(matcher.end())).find()) {
                    return;
                }
                if (matcher.group(Regex.VALID_MENTION_OR_LIST_GROUP_LIST) == null) {
                    found.add(new Entity(matcher, Entity.Type.MENTION, Regex.VALID_MENTION_OR_LIST_GROUP_USERNAME));
                } else {
                    found.add(new Entity(matcher.start(Regex.VALID_MENTION_OR_LIST_GROUP_USERNAME) - 1,
                            matcher.end(Regex.VALID_MENTION_OR_LIST_GROUP_LIST),
                            matcher.group(Regex.VALID_MENTION_OR_LIST_GROUP_USERNAME),
                            matcher.group(Regex.VALID_MENTION_OR_LIST_GROUP_LIST), Entity.Type.MENTION));
                }
            });
            return found;
        }

        /**
         * Hands each match of {@code pattern} to {@code onMatch}, the matches {@code Matcher.find} would
         * find in turn, but each search starts {@code before} characters ahead of the next sigil, the
         * furthest back a match can begin. Regions only say where to start: {@code ^} and look-arounds
         * still see the whole text.
         */
        private static void eachMatch(Pattern pattern, String text, char sigil, char wideSigil, int before,
                Consumer<Matcher> onMatch) {
            Matcher matcher = pattern.matcher(text).useAnchoringBounds(false).useTransparentBounds(true);
            for (int end = 0, at; (at = indexOfEither(text, sigil, wideSigil, end)) >= 0; end = matcher.end()) {
                matcher.region(Math.max(end, at - before), text.length());
                if (!matcher.find()) {
                    return;
                }
                onMatch.accept(matcher);
            }
        }

        private static int indexOfEither(String text, char one, char other, int from) {
            int a = text.indexOf(one, from);
            int b = text.indexOf(other, from);
            return a < 0 ? b : b < 0 ? a : Math.min(a, b);
        }
    }
}
