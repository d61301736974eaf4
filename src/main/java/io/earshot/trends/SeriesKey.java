package io.earshot.trends;

import java.util.Locale;

import io.earshot.search.PostTerms;
import io.earshot.search.TrendSearcher;
import io.earshot.web.ApiException;

/**
 * One series asked of {@code /api/trends}: {@code rule:<id>}, {@code hashtag:<tag>},
 * {@code term:<word>} or {@code q:<query>}. Hashtags and words are folded the way the index folds
 * them, so {@code hashtag:ACME} and {@code hashtag:acme} are one series.
 *
 * @param key the series as the client wrote it, echoed in the answer
 * @param value the rule id, folded hashtag or word, or the query
 */
public record SeriesKey(Kind kind, String value, String key) {

    /** What a series counts. */
    public enum Kind {
        RULE("rule"), HASHTAG("hashtag"), TERM("term"), QUERY("q");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** How this kind's rollup series names start ({@code term:}). */
        String seriesPrefix() {
            return prefix + ":";
        }
    }

    /** The rollup series name of a rule, as stored in the rollup tables. */
    public static String ruleSeries(long ruleId) {
        return "rule:" + ruleId;
    }

    /** Parses one key; answers 400 for anything else. */
    public static SeriesKey parse(String key) {
        int colon = key.indexOf(':');
        String prefix = colon < 0 ? key : key.substring(0, colon);
        String value = colon < 0 ? "" : key.substring(colon + 1).strip();
        for (Kind kind : Kind.values()) {
            if (kind.prefix.equals(prefix)) {
                if (value.isEmpty()) {
                    throw ApiException.badRequest("invalid parameter", "series " + key + " has no value after " + prefix + ":");
                }
                return new SeriesKey(kind, fold(kind, value, key), key);
            }
        }
        throw ApiException.badRequest("invalid parameter",
                "series must be rule:<id>, hashtag:<tag>, term:<word> or q:<query>, not " + key);
    }

    private static String fold(Kind kind, String value, String key) {
        return switch (kind) {
            case RULE -> {
                try {
                    yield Long.toString(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    throw ApiException.badRequest("invalid parameter", "series " + key + ": a rule id is a number");
                }
            }
            case HASHTAG -> (value.startsWith("#") ? value.substring(1) : value).toLowerCase(Locale.ROOT);
            case TERM -> {
                String word = TrendSearcher.normalizeWord(value);
                if (!PostTerms.counted(word)) {
                    throw ApiException.badRequest("invalid parameter", "series " + key
                            + ": a term is one word of 3 to 40 letters that is not a stop word");
                }
                yield word;
            }
            case QUERY -> value;
        };
    }

    /** The name of this series in the rollup tables; null for a query, which has none. */
    String rollupSeries() {
        return kind == Kind.QUERY ? null : kind.seriesPrefix() + value;
    }
}
