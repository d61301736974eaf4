package io.earshot.search;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.grouping.GroupDocs;
import org.apache.lucene.search.grouping.GroupingSearch;
import org.apache.lucene.search.grouping.TopGroups;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

import io.earshot.conversation.ConversationViews.RuleRef;
import io.earshot.post.EnvelopeParser;

/**
 * Runs a {@link SearchRequest} against an index searcher: the query and its filters, sort and
 * paging, highlights, facet counts and grouping by conversation. Stateless but for a cache of the
 * facet ordinals of the current reader, which is rebuilt when the reader changes.
 */
final class PostSearcher {

    private static final Set<String> HIGHLIGHT_SOURCES = Set.of(PostFields.TEXT, PostFields.HASHTAG,
            PostFields.MENTION, PostFields.CASHTAG);
    private static final int FACET_VALUES = 10;

    private final Analyzer analyzer;
    private final QueryLanguage language;
    private volatile FacetState facetState;

    PostSearcher(Analyzer analyzer) {
        this.analyzer = analyzer;
        this.language = new QueryLanguage(analyzer);
    }

    private record FacetState(IndexReader.CacheKey key, SortedSetDocValuesReaderState state) {
    }

    SearchResult search(IndexSearcher searcher, SearchRequest request) throws IOException {
        Query query = query(request);
        Sort sort = sort(request.sort());
        List<ScoreDoc> heads = new ArrayList<>();
        long total;
        String next;
        if (request.groupByConversation()) {
            int offset = request.cursor() == null ? 0 : SearchCursor.offsetOf(request.cursor());
            GroupingSearch grouping = new GroupingSearch(PostFields.CONVERSATION);
            grouping.setGroupSort(sort);
            grouping.setSortWithinGroup(sort);
            grouping.setGroupDocsLimit(1);
            grouping.setAllGroups(true);
            TopGroups<BytesRef> groups = grouping.search(searcher, query, offset, request.limit());
            if (groups != null) {
                for (GroupDocs<BytesRef> group : groups.groups) {
                    if (group.scoreDocs.length > 0) {
                        heads.add(group.scoreDocs[0]);
                    }
                }
            }
            total = groups == null || groups.totalGroupCount == null ? 0 : groups.totalGroupCount;
            next = offset + heads.size() < total ? SearchCursor.offset(offset + heads.size()) : null;
        } else {
            FieldDoc after = request.cursor() == null ? null : SearchCursor.fieldDoc(request.cursor(), request.sort(),
                    searcher.getIndexReader().maxDoc());
            TopFieldDocs top = searcher.searchAfter(after, query, request.limit(), sort, true);
            heads.addAll(List.of(top.scoreDocs));
            total = searcher.count(query);
            next = top.scoreDocs.length == request.limit() && top.scoreDocs.length > 0
                    ? SearchCursor.after(request.sort(), (FieldDoc) top.scoreDocs[top.scoreDocs.length - 1])
                    : null;
        }
        List<SearchResult.Hit> items = hits(searcher, query, heads);
        return new SearchResult(total, items, facets(searcher, query, request.facets()), next);
    }

    /** How many posts match, without ranking them. */
    long count(IndexSearcher searcher, SearchRequest request) throws IOException {
        return searcher.count(query(request));
    }

    private Query query(SearchRequest request) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        builder.add(request.q() == null || request.q().isBlank() ? new MatchAllDocsQuery() : language.parse(request.q()),
                BooleanClause.Occur.MUST);
        filter(builder, PostFields.RULE, request.rule() == null ? null : request.rule().toString());
        filter(builder, PostFields.PLATFORM, request.platform());
        filter(builder, PostFields.LANG, request.lang());
        filter(builder, PostFields.AUTHOR, request.author());
        if (request.from() != null || request.to() != null) {
            long from = request.from() == null ? Long.MIN_VALUE : request.from().toEpochMilli();
            long to = request.to() == null ? Long.MAX_VALUE : request.to().toEpochMilli();
            builder.add(LongPoint.newRangeQuery(PostFields.CREATED, from, to), BooleanClause.Occur.FILTER);
        }
        if (request.conversations() != null) {
            List<BytesRef> ids = request.conversations().stream().map(id -> new BytesRef(id.toString())).toList();
            builder.add(ids.isEmpty() ? new MatchNoDocsQuery() : new TermInSetQuery(PostFields.CONVERSATION, ids),
                    BooleanClause.Occur.FILTER);
        }
        return builder.build();
    }

    private static void filter(BooleanQuery.Builder builder, String field, String value) {
        if (value != null && !value.isBlank()) {
            String term = value.strip().toLowerCase(Locale.ROOT);
            if (field.equals(PostFields.AUTHOR) && term.startsWith("@")) {
                term = term.substring(1);
            }
            builder.add(new TermQuery(new Term(field, term)), BooleanClause.Occur.FILTER);
        }
    }

    private static Sort sort(SearchRequest.SortOrder order) {
        SortField newestId = new SortField(PostFields.ID, SortField.Type.LONG, true);
        return switch (order) {
            case RELEVANCE -> new Sort(SortField.FIELD_SCORE, newestId);
            case NEWEST -> new Sort(new SortField(PostFields.CREATED, SortField.Type.LONG, true), newestId);
            case OLDEST -> new Sort(new SortField(PostFields.CREATED, SortField.Type.LONG),
                    new SortField(PostFields.ID, SortField.Type.LONG));
        };
    }

    private List<SearchResult.Hit> hits(IndexSearcher searcher, Query query, List<ScoreDoc> heads) throws IOException {
        if (heads.isEmpty()) {
            return List.of();
        }
        TopDocs forHighlight = new TopDocs(new TotalHits(heads.size(), TotalHits.Relation.EQUAL_TO),
                heads.toArray(ScoreDoc[]::new));
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .withFieldMatcher(HIGHLIGHT_SOURCES::contains)
                .withMaxLength(2 * EnvelopeParser.MAX_TEXT_LENGTH)
                .build();
        String[] highlights = highlighter.highlight(PostFields.TEXT, query, forHighlight, 2);
        StoredFields stored = searcher.storedFields();
        List<SearchResult.Hit> hits = new ArrayList<>(heads.size());
        for (int i = 0; i < heads.size(); i++) {
            ScoreDoc head = heads.get(i);
            Document doc = stored.document(head.doc);
            List<RuleRef> rules = new ArrayList<>();
            for (IndexableField f : doc.getFields(PostDocuments.RULES)) {
                rules.add(new RuleRef(f.numericValue().longValue(), null));
            }
            hits.add(new SearchResult.Hit(Long.parseLong(doc.get(PostFields.CONVERSATION)), doc.get(PostDocuments.POST_ID),
                    Long.parseLong(doc.get(PostFields.ID)), doc.get(PostFields.PLATFORM), doc.get(PostFields.AUTHOR),
                    doc.get(PostFields.TEXT), highlights[i],
                    Instant.ofEpochMilli(doc.getField(PostFields.CREATED).numericValue().longValue()),
                    Float.isNaN(head.score) ? null : head.score, rules));
        }
        return hits;
    }

    private Map<String, List<SearchResult.FacetValue>> facets(IndexSearcher searcher, Query query, List<String> dims)
            throws IOException {
        Map<String, List<SearchResult.FacetValue>> result = new LinkedHashMap<>();
        if (dims.isEmpty()) {
            return result;
        }
        SortedSetDocValuesReaderState state = facetState(searcher.getIndexReader());
        if (state == null) {
            dims.forEach(dim -> result.put(dim, List.of()));
            return result;
        }
        FacetsCollector collected = searcher.search(query, new FacetsCollectorManager());
        Facets counts = new SortedSetDocValuesFacetCounts(state, collected);
        for (String dim : dims) {
            List<SearchResult.FacetValue> values = new ArrayList<>();
            FacetResult top;
            try {
                top = counts.getTopChildren(FACET_VALUES, dim);
            } catch (IllegalArgumentException e) {
                // No document has this dimension yet.
                top = null;
            }
            if (top != null) {
                for (LabelAndValue lv : top.labelValues) {
                    values.add(new SearchResult.FacetValue(lv.label, lv.value.longValue()));
                }
            }
            result.put(dim, values);
        }
        return result;
    }

    /** The facet ordinals of this reader, built once per reader (a refresh makes a new one). */
    private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        IndexReader.CacheKey key = helper == null ? null : helper.getKey();
        FacetState current = facetState;
        if (current != null && key != null && current.key() == key) {
            return current.state();
        }
        SortedSetDocValuesReaderState state;
        try {
            state = new DefaultSortedSetDocValuesReaderState(reader, PostDocuments.FACETS);
        } catch (IllegalArgumentException e) {
            // An index with no facet values yet (a new install).
            return null;
        }
        if (key != null) {
            facetState = new FacetState(key, state);
        }
        return state;
    }
}
