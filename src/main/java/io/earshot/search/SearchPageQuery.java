package io.earshot.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The state of the search page as its URL carries it, so that a bookmark, a shared link or a reload
 * shows the same search: the words, the sort and the active filters. Builds the links that add or
 * remove one filter.
 *
 * <p>{@code hashtag} and {@code mention} may repeat (every one must match) and become clauses of the
 * query, because the search API has no parameter for them; {@code author}, {@code rule},
 * {@code status} and {@code lang} hold one value each and map to the API's filter parameters.
 *
 * @param q the query as typed, never null
 * @param sort {@code newest} or {@code oldest}, or null for the default: best match
 * @param filters the active filters in the order they were added
 * @param cursor where the next page starts, or null for the first page
 */
public record SearchPageQuery(String q, String sort, List<Filter> filters, String cursor) {

    public static final String PATH = "/search";
    /** The default sort. */
    public static final String RELEVANCE = "relevance";
    public static final String HASHTAG = PostFields.HASHTAG;
    public static final String MENTION = PostFields.MENTION;
    public static final String AUTHOR = PostFields.AUTHOR;
    public static final String RULE = PostFields.RULE;
    public static final String STATUS = SearchService.STATUS_FACET;
    public static final String LANG = PostFields.LANG;
    /** The filters, in the order the sidebar shows them. */
    public static final List<String> DIMENSIONS = List.of(HASHTAG, MENTION, AUTHOR, RULE, STATUS, LANG);
    private static final List<String> REPEATABLE = List.of(HASHTAG, MENTION);

    /** One active filter: a dimension of {@link #DIMENSIONS} and its value. */
    public record Filter(String name, String value) {
    }

    public SearchPageQuery {
        q = q == null ? "" : q.strip();
        sort = sort == null || sort.isBlank() ? null : sort.strip().toLowerCase(Locale.ROOT);
        // Best match is the default order, so its links and bookmarks leave it out.
        sort = RELEVANCE.equals(sort) ? null : sort;
        filters = List.copyOf(filters);
        cursor = cursor == null || cursor.isBlank() ? null : cursor.strip();
    }

    /** The query of a request, from each dimension's values in the URL (blank values ignored). */
    public static SearchPageQuery of(String q, String sort, String cursor, Function<String, List<String>> params) {
        List<Filter> filters = new ArrayList<>();
        for (String dimension : DIMENSIONS) {
            List<String> values = params.apply(dimension);
            for (String value : values == null ? List.<String>of() : values) {
                if (value != null && !value.isBlank()) {
                    Filter filter = new Filter(dimension, value.strip());
                    if (!REPEATABLE.contains(dimension)) {
                        filters.removeIf(f -> f.name().equals(dimension));
                    }
                    if (!filters.contains(filter)) {
                        filters.add(filter);
                    }
                }
            }
        }
        return new SearchPageQuery(q, sort, filters, cursor);
    }

    public boolean hasWords() {
        return !q.isBlank();
    }

    /** The one value of a single-valued filter, or null. */
    public String value(String dimension) {
        return filters.stream().filter(f -> f.name().equals(dimension)).map(Filter::value).findFirst().orElse(null);
    }

    public boolean isActive(String dimension, String value) {
        return filters.stream().anyMatch(f -> f.name().equals(dimension) && f.value().equalsIgnoreCase(value));
    }

    /**
     * The query handed to the search: the words as typed, and every hashtag and mention filter as a
     * required clause. The words go in parentheses so that their own {@code OR}s stay inside them.
     */
    public String luceneQuery() {
        StringJoiner clauses = new StringJoiner(" AND ");
        if (hasWords()) {
            clauses.add("(" + q + ")");
        }
        for (Filter filter : filters) {
            if (REPEATABLE.contains(filter.name())) {
                clauses.add(filter.name() + ":\"" + filter.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            }
        }
        return clauses.toString();
    }

    /** This search with one more filter; a single-valued dimension's old value is replaced. */
    public SearchPageQuery with(String dimension, String value) {
        List<Filter> next = new ArrayList<>(filters);
        if (!REPEATABLE.contains(dimension)) {
            next.removeIf(f -> f.name().equals(dimension));
        }
        next.removeIf(f -> f.name().equals(dimension) && f.value().equalsIgnoreCase(value));
        next.add(new Filter(dimension, value));
        return new SearchPageQuery(q, sort, next, null);
    }

    /** This search without the given filter. */
    public SearchPageQuery without(String dimension, String value) {
        List<Filter> next = new ArrayList<>(filters);
        next.removeIf(f -> f.name().equals(dimension) && f.value().equalsIgnoreCase(value));
        return new SearchPageQuery(q, sort, next, null);
    }

    /** This search from a later page on. */
    public SearchPageQuery from(String nextCursor) {
        return new SearchPageQuery(q, sort, filters, nextCursor);
    }

    /** The page's address for this search: only what is set, so it reads well when shared. */
    public String href() {
        StringJoiner params = new StringJoiner("&", PATH + "?", "").setEmptyValue(PATH);
        if (hasWords()) {
            params.add(param("q", q));
        }
        if (sort != null) {
            params.add(param("sort", sort));
        }
        filters.forEach(f -> params.add(param(f.name(), f.value())));
        if (cursor != null) {
            params.add(param("cursor", cursor));
        }
        return params.toString();
    }

    private static String param(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
