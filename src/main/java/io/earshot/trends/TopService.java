package io.earshot.trends;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.earshot.search.TrendSearcher;
import io.earshot.web.ApiException;

/**
 * What is said with a query: the top hashtags, mentions, authors, URLs or languages of the posts it
 * matches, or their significant words, each with its count in the period before for comparison.
 */
@ApplicationScoped
public class TopService {

    /** Fields {@code GET /api/trends/top} ranks. */
    public static final Set<String> FIELDS = Set.of("hashtag", "mention", "author", "term", "url", "lang");
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;
    /** The period when the client names no {@code from}. */
    static final Duration DEFAULT_SPAN = Duration.ofDays(7);

    /** The answer: values, most frequent (or most significant) first. */
    public record Top(List<Item> items) {
    }

    /**
     * One value; {@code change} is {@code (count - previous) / previous}, null when the previous
     * period had none.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Item(String value, long count, long previous, Double change) {
        static Item of(TrendSearcher.ValueCount v) {
            return new Item(v.value(), v.count(), v.previous(),
                    v.previous() == 0 ? null : (v.count() - v.previous()) / (double) v.previous());
        }
    }

    @Inject
    TrendSearcher index;

    @Inject
    TrendsConfig config;

    public Top top(String field, String q, String from, String to, String tz, Integer limit) {
        String f = field == null ? "" : field.strip().toLowerCase(Locale.ROOT);
        if (!FIELDS.contains(f)) {
            throw ApiException.badRequest("invalid parameter",
                    "field must be hashtag, mention, author, term, url or lang, not " + field);
        }
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw ApiException.badRequest("invalid parameter", "limit must be 1.." + MAX_LIMIT);
        }
        TrendRange range = TrendRange.of(from, to, tz, DEFAULT_SPAN, Instant.now());
        String query = q == null || q.isBlank() ? null : q;
        List<TrendSearcher.ValueCount> values = f.equals("term")
                ? index.significantWords(query, range.from(), range.to(), n, config.significantSample())
                : index.values(f, query, range.from(), range.to(), n);
        return new Top(values.stream().map(Item::of).toList());
    }
}
