package io.earshot.conversation;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The near-duplicate signature of a post's text: what is left after folding case and accents and
 * stripping links, {@code @mentions}, numbers, punctuation and symbols (emoji included), with white
 * space collapsed. Posts with the same signature say the same thing to the same effect ("@Acme app
 * down again!!! https://t.co/x" and "@AcmeHelp App DOWN again 😡") and are grouped in the incident
 * view. Hashtag words are kept (only the {@code #} goes). A text with nothing left has no signature.
 */
final class SimilarPosts {

    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern MENTION = Pattern.compile("(?U)@\\w+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}]+");

    private SimilarPosts() {
    }

    /** The text's signature, or null when no letters are left. */
    static String signature(String text) {
        if (text == null) {
            return null;
        }
        String s = LINK.matcher(text).replaceAll(" ");
        s = MENTION.matcher(s).replaceAll(" ");
        s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFKD)).replaceAll("");
        s = NOT_LETTERS.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return s.isEmpty() ? null : s;
    }
}
