package io.earshot.search;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.util.IOUtils;

/**
 * The words of a post that trends count: the post's {@code text} analysed exactly as the index
 * analyses it (so {@code term:refund} and a search for {@code refund} agree), keeping only tokens
 * made of letters, 3 to 40 characters long, that are not an English stop word (Snowball's list and
 * a few social ones) and not an @mention (a handle is the {@code mention} field's business); each
 * word once per post, at most {@code limit} words per post, in text order.
 */
public final class PostTerms {

    /** Snowball's English stop words plus a few that social posts are full of. */
    public static final CharArraySet STOP_WORDS = stopWords();
    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 40;

    private static final Analyzer ANALYZER = PostAnalyzer.create();

    private PostTerms() {
    }

    /** The counted words of {@code text}, at most {@code limit}. */
    public static List<String> of(String text, int limit) {
        Set<String> words = new LinkedHashSet<>();
        try (TokenStream tokens = ANALYZER.tokenStream(PostFields.TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            while (words.size() < limit && tokens.incrementToken()) {
                int start = offset.startOffset();
                boolean mention = start > 0 && text.charAt(start - 1) == '@';
                if (!mention && counted(term)) {
                    words.add(term.toString());
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(words);
    }

    /** Whether an analysed word is one trends count at all (letters only, not a stop word). */
    public static boolean counted(CharSequence word) {
        int length = word.length();
        if (length < MIN_LENGTH || length > MAX_LENGTH || STOP_WORDS.contains(word)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!Character.isLetter(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static CharArraySet stopWords() {
        try (Reader list = IOUtils.getDecodingReader(SnowballFilter.class, "english_stop.txt", StandardCharsets.UTF_8)) {
            CharArraySet words = new CharArraySet(WordlistLoader.getSnowballWordSet(list), false);
            // Words that carry no topic in social posts, beyond Snowball's list.
            words.addAll(List.of("amp", "http", "https", "www", "com", "just", "get", "got", "can", "will", "one",
                    "now", "also", "still", "like", "dont", "youre", "cant", "thats", "yes", "hey", "hello", "lol",
                    "via"));
            return CharArraySet.unmodifiableSet(words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the English stop words", e);
        }
    }
}
