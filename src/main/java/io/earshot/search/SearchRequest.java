package io.earshot.search;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A search as {@code GET /api/search} takes it. Filters narrow the query; null means "any".
 *
 * @param conversations when not null, only posts of these conversations (the answer of a triage
 *        filter on status, assignee or tag, which live in the database)
 */
public record SearchRequest(String q, Long rule, String platform, String lang, String author, Instant from,
        Instant to, Set<Long> conversations, SortOrder sort, int limit, String cursor, List<String> facets,
        boolean groupByConversation) {

    /** How results are ordered. */
    public enum SortOrder {
        RELEVANCE, NEWEST, OLDEST
    }
}
