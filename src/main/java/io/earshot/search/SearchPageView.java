package io.earshot.search;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.earshot.conversation.ConversationViews.RuleRef;

/**
 * What the search page shows for one {@link SearchPageQuery}: the hits, one per conversation, the
 * facet sidebar whose values link to the search narrowed by them, the active filters as removable
 * chips, the link to the next page, or what is wrong with the query.
 *
 * @param total how many conversations match
 * @param moreHref the next page's address, or null on the last page
 * @param problem why the search could not run, or null
 */
public record SearchPageView(SearchPageQuery query, List<SortOption> sorts, long total, List<Result> results,
        List<Facet> facets, List<Chip> chips, String moreHref, Problem problem) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> TITLES = Map.of(SearchPageQuery.HASHTAG, "Hashtags",
            SearchPageQuery.MENTION, "Mentions", SearchPageQuery.AUTHOR, "Authors", SearchPageQuery.RULE, "Rules",
            SearchPageQuery.STATUS, "Status", SearchPageQuery.LANG, "Language");

    /** An entry of the sort picker. */
    public record SortOption(String value, String label, boolean selected) {
    }

    /**
     * The best post of a matching conversation. {@code highlight} is HTML-escaped by the highlighter
     * with the matched words in {@code <mark>}; it is null when no words of the text matched.
     */
    public record Result(long conversationId, String author, String platform, String text, String highlight,
            Instant createdAt, String when, List<RuleRef> rules) {
    }

    /** One dimension of the sidebar. */
    public record Facet(String name, String title, List<FacetLink> values) {
    }

    /** A facet value: following {@code href} adds it as a filter, or removes it when it is {@code active}. */
    public record FacetLink(String label, long count, String href, boolean active) {
    }

    /** An active filter; {@code removeHref} is the search without it. */
    public record Chip(String name, String value, String label, String removeHref) {
    }

    /**
     * Why the search did not run. {@code position} is the 0-based offset in the typed query, or -1;
     * {@code before}, {@code at} and {@code after} split the query there so the page can point at it.
     */
    public record Problem(String message, int position, String before, String at, String after) {

        /** A problem at a place in the query {@code q}. */
        public static Problem in(String q, String message, int position) {
            if (position < 0 || position > q.length()) {
                return general(message);
            }
            int end = Math.min(q.length(), position + 1);
            // A problem at the very end (a missing closing bracket) points at a blank after the last character.
            return new Problem(message, position, q.substring(0, position),
                    position < q.length() ? q.substring(position, end) : " ", q.substring(end));
        }

        /** A problem with no place in the query (a bad parameter in the URL). */
        public static Problem general(String message) {
            return new Problem(message, -1, "", "", "");
        }

        public boolean isPlaced() {
            return position >= 0;
        }
    }

    /** The page for a search that ran; {@code ruleNames} names the rule ids among the facet values. */
    static SearchPageView of(SearchPageQuery query, SearchResult result, Map<Long, String> ruleNames) {
        List<Result> results = result.items().stream().map(hit -> new Result(hit.conversationId(), hit.author(),
                hit.platform(), hit.text(), hit.highlight(), hit.createdAt(), WHEN.format(hit.createdAt()), hit.rules()))
                .toList();
        List<Facet> facets = new ArrayList<>();
        for (String dimension : SearchPageQuery.DIMENSIONS) {
            List<FacetLink> links = result.facets().getOrDefault(dimension, List.of()).stream().map(v -> {
                boolean active = query.isActive(dimension, v.value());
                SearchPageQuery target = active ? query.without(dimension, v.value()) : query.with(dimension, v.value());
                return new FacetLink(label(dimension, v.value(), ruleNames), v.count(), target.href(), active);
            }).toList();
            if (!links.isEmpty()) {
                facets.add(new Facet(dimension, TITLES.get(dimension), links));
            }
        }
        String more = result.next() == null ? null : query.from(result.next()).href();
        return new SearchPageView(query, sorts(query), result.total(), results, facets, chips(query, ruleNames), more,
                null);
    }

    /** The page for a search that could not run: the problem, and the filters so they can be removed. */
    static SearchPageView failed(SearchPageQuery query, Problem problem, Map<Long, String> ruleNames) {
        return new SearchPageView(query, sorts(query), 0, List.of(), List.of(), chips(query, ruleNames), null, problem);
    }

    private static List<SortOption> sorts(SearchPageQuery query) {
        String selected = query.sort() == null ? SearchPageQuery.RELEVANCE : query.sort();
        return List.of(new SortOption(SearchPageQuery.RELEVANCE, "Best match", selected.equals(SearchPageQuery.RELEVANCE)),
                new SortOption("newest", "Newest first", selected.equals("newest")),
                new SortOption("oldest", "Oldest first", selected.equals("oldest")));
    }

    private static List<Chip> chips(SearchPageQuery query, Map<Long, String> ruleNames) {
        return query.filters().stream().map(f -> new Chip(f.name(), f.value(), chipLabel(f, ruleNames),
                query.without(f.name(), f.value()).href())).toList();
    }

    private static String chipLabel(SearchPageQuery.Filter filter, Map<Long, String> ruleNames) {
        String label = label(filter.name(), filter.value(), ruleNames);
        return switch (filter.name()) {
            case SearchPageQuery.AUTHOR -> "by " + label;
            case SearchPageQuery.RULE -> "rule: " + label;
            case SearchPageQuery.STATUS -> "status: " + label;
            case SearchPageQuery.LANG -> "lang: " + label;
            default -> label;
        };
    }

    private static String label(String dimension, String value, Map<Long, String> ruleNames) {
        return switch (dimension) {
            case SearchPageQuery.HASHTAG -> "#" + value;
            case SearchPageQuery.MENTION, SearchPageQuery.AUTHOR -> value.startsWith("@") ? value : "@" + value;
            case SearchPageQuery.RULE -> ruleName(value, ruleNames);
            default -> value;
        };
    }

    private static String ruleName(String id, Map<Long, String> ruleNames) {
        try {
            return ruleNames.getOrDefault(Long.parseLong(id), "rule " + id);
        } catch (NumberFormatException e) {
            return id;
        }
    }
}
