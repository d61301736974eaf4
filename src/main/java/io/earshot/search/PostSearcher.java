package io.earshot.search;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
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
 * paging, highlights, facet counts and grouping by conversation. Stateless but for the numbering of
 * facet values ({@link FacetLabels}) and the merged field infos of the current reader.
 */
final class PostSearcher {

    private static final Set<String> HIGHLIGHT_SOURCES = Set.of(PostFields.TEXT, PostFields.HASHTAG,
            PostFields.MENTION, PostFields.CASHTAG);
    private static final int FACET_VALUES = 10;
    private static final int MAX_HIGHLIGHT_LENGTH = 2 * EnvelopeParser.MAX_TEXT_LENGTH;

    private final Analyzer analyzer;
    private final QueryLanguage language;
    private final FacetLabels facetLabels = new FacetLabels();
    private volatile ReaderState readerState;

    PostSearcher(Analyzer analyzer) {
        this.analyzer = analyzer;
        this.language = new QueryLanguage(analyzer);
    }

    private record ReaderState(IndexReader.CacheKey key, FieldInfos fieldInfos) {
    }

    SearchResult search(IndexSearcher searcher, SearchRequest request) throws IOException {
        Query query = query(request);
        Sort sort = sort(request.sort());
        ReaderState reader = readerState(searcher.getIndexReader());
        FacetCounting counting = facetCounting(searcher.getIndexReader(), request.facets());
        List<ScoreDoc> heads = new ArrayList<>();
        long total;
        String next;
        Map<String, List<SearchResult.FacetValue>> facets;
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
            facets = counting == null ? noFacets(request.facets())
                    : counting.top(searcher.search(query, counting), FACET_VALUES);
        } else {
            FieldDoc after = request.cursor() == null ? null : SearchCursor.fieldDoc(request.cursor(), request.sort(),
                    searcher.getIndexReader().maxDoc());
            TopFieldDocs top;
            if (counting == null) {
                top = searcher.searchAfter(after, query, request.limit(), sort, true);
                total = searcher.count(query);
                facets = noFacets(request.facets());
            } else {
                // Facets count every hit anyway: one pass ranks the page, counts the exact total and the facets.
                Object[] both = searcher.search(query, new MultiCollectorManager(
                        new TopFieldCollectorManager(sort.rewrite(searcher), request.limit(), after, Integer.MAX_VALUE),
                        counting));
                top = (TopFieldDocs) both[0];
                TopFieldCollector.populateScores(top.scoreDocs, searcher, query);
                total = top.totalHits.value;
                facets = counting.top((int[][]) both[1], FACET_VALUES);
            }
            heads.addAll(List.of(top.scoreDocs));
            next = top.scoreDocs.length == request.limit() && top.scoreDocs.length > 0
                    ? SearchCursor.after(request.sort(), (FieldDoc) top.scoreDocs[top.scoreDocs.length - 1])
                    : null;
        }
        List<SearchResult.Hit> items = hits(searcher, reader, query, heads);
        return new SearchResult(total, items, facets, next);
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

    /**
     * The page's posts with their highlights. Each post's stored fields are read once: the highlighter
     * is handed the texts already loaded instead of reading them again.
     */
    private List<SearchResult.Hit> hits(IndexSearcher searcher, ReaderState reader, Query query, List<ScoreDoc> heads)
            throws IOException {
        if (heads.isEmpty()) {
            return List.of();
        }
        // In doc id order: the stored-fields reader keeps its current compressed block, so posts of one block
        // do not each set it up again (measured: a third of the page's cost at 200k posts, 2 segments).
        StoredFields stored = searcher.storedFields();
        Map<Integer, Document> byDoc = new TreeMap<>();
        for (ScoreDoc head : heads) {
            byDoc.put(head.doc, null);
        }
        Map<Integer, String> texts = new HashMap<>();
        for (Map.Entry<Integer, Document> e : byDoc.entrySet()) {
            e.setValue(stored.document(e.getKey()));
            texts.put(e.getKey(), e.getValue().get(PostFields.TEXT));
        }
        List<Document> docs = heads.stream().map(head -> byDoc.get(head.doc)).toList();
        TopDocs forHighlight = new TopDocs(new TotalHits(heads.size(), TotalHits.Relation.EQUAL_TO),
                heads.toArray(ScoreDoc[]::new));
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .withFieldMatcher(HIGHLIGHT_SOURCES::contains)
                .withMaxLength(MAX_HIGHLIGHT_LENGTH);
        String[] highlights = new LoadedTextHighlighter(builder, reader.fieldInfos(), texts)
                .highlight(PostFields.TEXT, query, forHighlight, 2);
        List<SearchResult.Hit> hits = new ArrayList<>(heads.size());
        for (int i = 0; i < heads.size(); i++) {
            ScoreDoc head = heads.get(i);
            Document doc = docs.get(i);
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

    /**
     * A highlighter that takes the texts of the page from the stored documents already read, and the
     * reader's merged field infos from the per-reader cache instead of merging them per search.
     */
    private static final class LoadedTextHighlighter extends UnifiedHighlighter {

        private final Map<Integer, String> texts;

        LoadedTextHighlighter(UnifiedHighlighter.Builder builder, FieldInfos fieldInfos, Map<Integer, String> texts) {
            super(builder);
            this.fieldInfos = fieldInfos;
            this.texts = texts;
        }

        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold)
                throws IOException {
            List<CharSequence[]> values = new ArrayList<>();
            for (int doc = docIter.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docIter.nextDoc()) {
                String text = texts.get(doc);
                // As the stored-field visitor it replaces: a missing value is empty, a long one cut at the maximum.
                String value = text == null ? "" : text.length() > MAX_HIGHLIGHT_LENGTH
                        ? text.substring(0, MAX_HIGHLIGHT_LENGTH) : text;
                // One field is highlighted: text.
                values.add(new CharSequence[] { value });
            }
            return values;
        }
    }

    private static Map<String, List<SearchResult.FacetValue>> noFacets(List<String> dims) {
        Map<String, List<SearchResult.FacetValue>> result = new LinkedHashMap<>();
        dims.forEach(dim -> result.put(dim, List.of()));
        return result;
    }

    /** Counting for the requested dimensions, or null when none is requested. */
    private FacetCounting facetCounting(IndexReader reader, List<String> dims) throws IOException {
        return dims.isEmpty() ? null : new FacetCounting(facetLabels, reader, dims);
    }

    /** What is built once per reader (a refresh makes a new one): the merged field infos the highlighter reads. */
    private ReaderState readerState(IndexReader reader) {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        IndexReader.CacheKey key = helper == null ? null : helper.getKey();
        ReaderState current = readerState;
        if (current != null && key != null && current.key() == key) {
            return current;
        }
        ReaderState state = new ReaderState(key, FieldInfos.getMergedFieldInfos(reader));
        if (key != null) {
            readerState = state;
        }
        return state;
    }
}
