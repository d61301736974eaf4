package io.earshot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.lucene.search.IndexSearcher;

import io.earshot.conversation.Conversation;
import io.earshot.conversation.ConversationViews.RuleRef;
import io.earshot.conversation.Status;
import io.earshot.rules.RuleDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Searches every stored post. Content filters run in Lucene; triage filters (status, assignee,
 * tag) change after ingest and live in the database, so they are answered there and joined into
 * the query as a set of conversation ids, always current.
 */
@ApplicationScoped
public class SearchService {

    @Inject
    RuleDirectory directory;

    /** The status facet is counted per status, through the same join as the status filter. */
    public static final String STATUS_FACET = "status";

    @Inject
    SearchIndex index;

    private final PostSearcher searcher = new PostSearcher(PostAnalyzer.create());

    /** Runs a search; {@code status}, {@code assignee} and {@code tag} are triage filters, or null. */
    public SearchResult search(SearchRequest request, Status status, String assignee, String tag) {
        SearchRequest filtered = status == null && assignee == null && tag == null ? request
                : withConversations(request, conversations(status, assignee, tag));
        List<String> luceneFacets = new ArrayList<>(filtered.facets());
        boolean statusFacet = luceneFacets.remove(STATUS_FACET);
        SearchRequest forLucene = new SearchRequest(filtered.q(), filtered.rule(), filtered.platform(), filtered.lang(),
                filtered.author(), filtered.from(), filtered.to(), filtered.conversations(), filtered.sort(),
                filtered.limit(), filtered.cursor(), luceneFacets, filtered.groupByConversation());
        SearchResult result = index.index().withSearcher(s -> {
            SearchResult found = searcher.search(s, forLucene);
            if (!statusFacet) {
                return found;
            }
            Map<String, List<SearchResult.FacetValue>> facets = new LinkedHashMap<>(found.facets());
            facets.put(STATUS_FACET, statusCounts(s, filtered));
            return new SearchResult(found.total(), found.items(), facets, found.next());
        });
        return withRuleNames(result);
    }

    private SearchResult withRuleNames(SearchResult result) {
        Set<Long> ids = new HashSet<>();
        result.items().forEach(hit -> hit.rules().forEach(r -> ids.add(r.id())));
        if (ids.isEmpty()) {
            return result;
        }
        Map<Long, String> names = directory.names(ids);
        List<SearchResult.Hit> items = result.items().stream().map(h -> new SearchResult.Hit(h.conversationId(),
                h.postId(), h.messageId(), h.platform(), h.author(), h.text(), h.highlight(), h.createdAt(), h.score(),
                h.rules().stream().map(r -> new RuleRef(r.id(), names.getOrDefault(r.id(), "rule " + r.id()))).toList()))
                .toList();
        return new SearchResult(result.total(), items, result.facets(), result.next());
    }

    private List<SearchResult.FacetValue> statusCounts(IndexSearcher s, SearchRequest request)
            throws IOException {
        List<SearchResult.FacetValue> counts = new ArrayList<>();
        for (Status status : Status.values()) {
            Set<Long> ids = conversations(status, null, null);
            if (request.conversations() != null) {
                ids.retainAll(request.conversations());
            }
            long count = searcher.count(s, withConversations(request, ids));
            if (count > 0) {
                counts.add(new SearchResult.FacetValue(status.value(), count));
            }
        }
        counts.sort((a, b) -> Long.compare(b.count(), a.count()));
        return counts;
    }

    private static Set<Long> conversations(Status status, String assignee, String tag) {
        return new HashSet<>(QuarkusTransaction.requiringNew().call(() -> Conversation.idsWith(status, assignee, tag)));
    }

    private static SearchRequest withConversations(SearchRequest r, Set<Long> ids) {
        Set<Long> narrowed = ids;
        if (r.conversations() != null) {
            narrowed = new HashSet<>(ids);
            narrowed.retainAll(r.conversations());
        }
        return new SearchRequest(r.q(), r.rule(), r.platform(), r.lang(), r.author(), r.from(), r.to(), narrowed,
                r.sort(), r.limit(), r.cursor(), r.facets(), r.groupByConversation());
    }
}
