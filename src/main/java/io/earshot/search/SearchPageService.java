package io.earshot.search;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.earshot.conversation.Status;
import io.earshot.rules.RuleDirectory;
import io.earshot.web.ApiException;

/**
 * Runs the search page's searches through {@link SearchService}: one hit per conversation, the
 * sidebar's facets, and every problem (a malformed query, a bad value in the URL) turned into a
 * message on the page instead of an error response.
 */
@ApplicationScoped
public class SearchPageService {

    @Inject
    RuleDirectory directory;

    /** Conversations per page. */
    public static final int PAGE_SIZE = 25;

    @Inject
    SearchService search;

    private final QueryLanguage language = new QueryLanguage(PostAnalyzer.create());

    /** The page for a search; never throws for anything the URL holds. */
    public SearchPageView search(SearchPageQuery query) {
        try {
            if (query.hasWords()) {
                // The words alone first, so the parser's message and position refer to what was typed.
                language.parse(query.q());
            }
        } catch (InvalidQueryException e) {
            return SearchPageView.failed(query, SearchPageView.Problem.in(query.q(), e.getMessage(), e.position()),
                    ruleNames(query, List.of()));
        }
        try {
            SearchRequest request = new SearchRequest(query.luceneQuery(), rule(query),
                    null, query.value(SearchPageQuery.LANG), query.value(SearchPageQuery.AUTHOR), null, null, null,
                    sort(query), PAGE_SIZE, query.cursor(), SearchPageQuery.DIMENSIONS, true);
            SearchResult result = search.search(request, status(query), null, null);
            return SearchPageView.of(query, result,
                    ruleNames(query, result.facets().getOrDefault(SearchPageQuery.RULE, List.of())));
        } catch (InvalidQueryException | ApiException e) {
            return SearchPageView.failed(query, SearchPageView.Problem.general(e.getMessage()),
                    ruleNames(query, List.of()));
        }
    }

    private static Long rule(SearchPageQuery query) {
        String rule = query.value(SearchPageQuery.RULE);
        try {
            return rule == null ? null : Long.valueOf(rule);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid parameter", "rule must be a rule's number, not '" + rule + "'");
        }
    }

    private static Status status(SearchPageQuery query) {
        String status = query.value(SearchPageQuery.STATUS);
        try {
            return status == null ? null : Status.parse(status);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid parameter", "status must be open, pending or closed");
        }
    }

    private static SearchRequest.SortOrder sort(SearchPageQuery query) {
        SearchRequest.SortOrder order;
        try {
            order = query.sort() == null ? SearchRequest.SortOrder.RELEVANCE
                    : SearchRequest.SortOrder.valueOf(query.sort().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid parameter", "sort must be relevance, newest or oldest");
        }
        // Without words every post is as relevant as the next, so "best match" means the newest.
        return order == SearchRequest.SortOrder.RELEVANCE && !query.hasWords() ? SearchRequest.SortOrder.NEWEST
                : order;
    }

    /** The names of the rules among the facet values and of the rule filter, by id. */
    private Map<Long, String> ruleNames(SearchPageQuery query, List<SearchResult.FacetValue> facet) {
        Set<Long> ids = new HashSet<>();
        facet.forEach(v -> addId(ids, v.value()));
        addId(ids, query.value(SearchPageQuery.RULE));
        return directory.names(ids);
    }

    private static void addId(Set<Long> ids, String value) {
        if (value != null && !value.isEmpty() && value.length() < 19 && value.chars().allMatch(Character::isDigit)) {
            ids.add(Long.valueOf(value));
        }
    }
}
