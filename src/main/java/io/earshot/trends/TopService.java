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
 * Counted in the index, except the hashtags of all posts over whole minutes, which the rollups
 * already hold per day, hour and minute.
 */
@ApplicationScoped
public class TopService {

    /** Fields {@code GET /api/trends/top} ranks. */
    public static final Set<String> FIELDS = Set.of("hashtag", "mention", "author", "term", "url", "lang");
    /** Fields counted in the rollups under their own name ({@code hashtag:<folded tag>}). */
    static final Set<String> ROLLED_UP = Set.of("hashtag");
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
    Rollups rollups;

    @Inject
    TrendsConfig config;

    /**
     * Whether the rollups can answer exactly: a rolled-up field, every post (no query), and both
     * periods made of whole minutes, the rollups' finest bucket.
     */
    private static boolean fromRollups(String field, String query, TrendRange range) {
        return ROLLED_UP.contains(field) && query == null && range.from().toEpochMilli() % 60_000 == 0
                && range.to().toEpochMilli() % 60_000 == 0;
    }

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
                : fromRollups(f, query, range)
                        ? rollups.top(f, range.from().toEpochMilli(), range.to().toEpochMilli(), n)
                        : index.values(f, query, range.from(), range.to(), n);
        return new Top(values.stream().map(Item::of).toList());
    }
}
