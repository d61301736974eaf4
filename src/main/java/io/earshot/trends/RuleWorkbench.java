package io.earshot.trends;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.earshot.rules.RuleDirectory;
import io.earshot.search.SearchRequest;
import io.earshot.search.SearchResult;
import io.earshot.search.SearchService;
import io.earshot.search.TrendSearcher;
import io.earshot.web.ApiException;

/**
 * A rule's dry run: its query run over stored history through the index, before it is saved. Rules
 * apply only to posts ingested after they are saved, so this is the one way to see what a rule
 * would have caught: volume per day, the newest matches highlighted, and the overlap with live rules.
 */
@ApplicationScoped
public class RuleWorkbench {

    @Inject
    RuleDirectory directory;

    /** Days a dry run covers when no {@code from} is given. */
    public static final int DEFAULT_DAYS = 30;
    static final int SAMPLES = 10;

    /** What a dry run found. */
    public record DryRun(List<Day> perDay, List<Sample> samples, List<Overlap> overlap, long total) {
    }

    /** Matches created on one day (in the asked zone). */
    public record Day(LocalDate day, long count) {
    }

    /** One matching post; {@code highlight} marks the matching words with {@code <mark>}. */
    public record Sample(String postId, long conversationId, String author, String text, String highlight,
            Instant createdAt) {
    }

    /** How many of the dry run's matches an existing rule also caught. */
    public record Overlap(AlertView.RuleRef rule, long count) {
    }

    @Inject
    SearchService search;

    @Inject
    TrendSearcher index;

    @Inject
    TrendsConfig config;

    /**
     * Runs {@code query} over {@code [from, to)} (default: the {@value #DEFAULT_DAYS} days up to the
     * end of today in {@code tz}).
     *
     * @throws io.earshot.search.InvalidQueryException when the query does not parse as a rule
     */
    public DryRun run(String query, String from, String to, String tz) {
        if (query == null) {
            throw ApiException.badRequest("invalid query", "query is required");
        }
        index.validate(query);
        ZoneId zone = TrendRange.zone(tz);
        Instant endOfToday = LocalDate.now(zone).plusDays(1).atStartOfDay(zone).toInstant();
        TrendRange range = TrendRange.of(from, to == null || to.isBlank() ? endOfToday.toString() : to, tz,
                Duration.ofDays(DEFAULT_DAYS), Instant.now());
        BucketGrid days = BucketGrid.of(Interval.DAY, range.from(), range.to(), zone, config.maxBuckets());
        long[] counts = index.histogram(query, days.bounds());
        List<Day> perDay = new ArrayList<>(days.size());
        for (int i = 0; i < days.size(); i++) {
            perDay.add(new Day(days.start(i).atZone(zone).toLocalDate(), counts[i]));
        }
        SearchResult found = search.search(new SearchRequest(query, null, null, null, null, range.from(),
                range.to().minusMillis(1), null, SearchRequest.SortOrder.NEWEST, SAMPLES, null, List.of("rule"), false),
                null, null, null);
        List<Sample> samples = found.items().stream().map(h -> new Sample(h.postId(), h.conversationId(), h.author(),
                h.text(), h.highlight(), h.createdAt())).toList();
        return new DryRun(perDay, samples, overlap(found.facets().getOrDefault("rule", List.of())), found.total());
    }

    private List<Overlap> overlap(List<SearchResult.FacetValue> rules) {
        Map<Long, String> names = directory.names(rules.stream().map(v -> Long.parseLong(v.value())).toList());
        return rules.stream().map(v -> {
            long id = Long.parseLong(v.value());
            return new Overlap(new AlertView.RuleRef(id, names.getOrDefault(id, "rule " + id)), v.count());
        }).toList();
    }
}
