package io.earshot.search;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The index's answers for trends: matching posts counted per time bucket from the {@code created}
 * doc values, the values of a keyword field counted over two periods, and the significant words of
 * the posts a query matches. Queries are in the query language, parsed as rules and search parse them.
 */
@ApplicationScoped
public class TrendSearcher {

    /** Fields whose values {@link #values} can count. */
    public static final Set<String> VALUE_FIELDS = Set.of(PostFields.HASHTAG, PostFields.MENTION, PostFields.AUTHOR,
            PostFields.URL, PostFields.LANG, PostFields.RULE);

    /** A value with its count in the asked period and in the period before it. */
    public record ValueCount(String value, long count, long previous) {
    }

    private static final org.apache.lucene.analysis.Analyzer ANALYZER = PostAnalyzer.create();

    @Inject
    SearchIndex index;

    private final QueryLanguage language = new QueryLanguage(PostAnalyzer.create());

    /**
     * Parses a query exactly as a rule's query is parsed.
     *
     * @throws InvalidQueryException when the language refuses it
     */
    public void validate(String q) {
        language.parse(q);
    }

    /**
     * Counts the posts {@code q} matches per bucket; bucket {@code i} is
     * {@code [bounds[i], bounds[i + 1])} in epoch milliseconds, so there is one count fewer than bounds.
     *
     * @param q a query, or null for every post
     */
    public long[] histogram(String q, long[] bounds) {
        return histogram(q == null ? new MatchAllDocsQuery() : language.parse(q), bounds);
    }

    /** Like {@link #histogram(String, long[])} for the posts holding one analysed word in {@code text}. */
    public long[] wordHistogram(String word, long[] bounds) {
        return histogram(new TermQuery(new Term(PostFields.TEXT, word)), bounds);
    }

    private long[] histogram(Query query, long[] bounds) {
        if (bounds.length < 2) {
            return new long[0];
        }
        Query windowed = within(query, bounds[0], bounds[bounds.length - 1]);
        return index.index().withSearcher(searcher -> searcher.search(windowed, new HistogramManager(bounds)));
    }

    /** How many posts {@code q} matches created in {@code [from, to)}. */
    public long count(String q, Instant from, Instant to) {
        Query query = within(language.parse(q), from.toEpochMilli(), to.toEpochMilli());
        return index.index().withSearcher(searcher -> (long) searcher.count(query));
    }

    /**
     * Counts every value of a keyword field among the posts {@code q} matches in {@code [from, to)}
     * and in the period of the same length before it; answers the {@code limit} values most frequent
     * in the asked period.
     *
     * @param q a query, or null for every post
     */
    public List<ValueCount> values(String field, String q, Instant from, Instant to, int limit) {
        if (!VALUE_FIELDS.contains(field)) {
            throw new IllegalArgumentException("not a value field: " + field);
        }
        Query query = q == null || q.isBlank() ? new MatchAllDocsQuery() : language.parse(q);
        long start = from.toEpochMilli();
        long end = to.toEpochMilli();
        long before = start - (end - start);
        return index.index().withSearcher(searcher -> {
            Map<String, long[]> counts = new HashMap<>();
            IndexReader reader = searcher.getIndexReader();
            FixedBitSet[] current = matches(searcher, within(query, start, end));
            FixedBitSet[] previous = matches(searcher, within(query, before, start));
            for (LeafReaderContext leaf : reader.leaves()) {
                FixedBitSet cur = current[leaf.ord];
                FixedBitSet prev = previous[leaf.ord];
                Terms terms = leaf.reader().terms(field);
                if (terms == null || (cur.cardinality() == 0 && prev.cardinality() == 0)) {
                    continue;
                }
                TermsEnum values = terms.iterator();
                PostingsEnum postings = null;
                for (BytesRef value = values.next(); value != null; value = values.next()) {
                    postings = values.postings(postings, PostingsEnum.NONE);
                    long inCurrent = 0;
                    long inPrevious = 0;
                    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                        if (cur.get(doc)) {
                            inCurrent++;
                        } else if (prev.get(doc)) {
                            inPrevious++;
                        }
                    }
                    if (inCurrent + inPrevious > 0) {
                        long[] total = counts.computeIfAbsent(value.utf8ToString(), v -> new long[2]);
                        total[0] += inCurrent;
                        total[1] += inPrevious;
                    }
                }
            }
            return counts.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                    .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                            .thenComparing(Map.Entry::getKey))
                    .limit(limit).map(e -> new ValueCount(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        });
    }

    /**
     * The words most significant in the posts {@code q} matches in {@code [from, to)} compared with
     * the whole index, scored by JLH ({@code (fg - bg) * fg / bg} on the shares of posts holding the
     * word), the way Elasticsearch's significant terms score: frequent everywhere scores low, rare
     * everywhere but common here scores high. Candidates come from the newest {@code sampleSize}
     * matching posts, analysed as {@link PostTerms} counts words (stop words out); the query's own
     * words are left out. The chosen words' counts are exact, in the period and the one before.
     */
    public List<ValueCount> significantWords(String q, Instant from, Instant to, int limit, int sampleSize) {
        Query query = q == null || q.isBlank() ? new MatchAllDocsQuery() : language.parse(q);
        Set<Term> queryTerms = new HashSet<>();
        query.visit(QueryVisitor.termCollector(queryTerms));
        Set<String> ownWords = new HashSet<>();
        queryTerms.stream().filter(t -> PostFields.TEXT.equals(t.field())).forEach(t -> ownWords.add(t.text()));
        long start = from.toEpochMilli();
        long end = to.toEpochMilli();
        long before = start - (end - start);
        Query foreground = within(query, start, end);
        return index.index().withSearcher(searcher -> {
            ScoreDoc[] sample = searcher.search(foreground, sampleSize,
                    new Sort(new SortField(PostFields.CREATED, SortField.Type.LONG, true))).scoreDocs;
            if (sample.length == 0) {
                return List.of();
            }
            Map<String, Integer> inSample = new HashMap<>();
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : sample) {
                String text = stored.document(hit.doc, Set.of(PostFields.TEXT)).get(PostFields.TEXT);
                for (String word : PostTerms.of(text == null ? "" : text, Integer.MAX_VALUE)) {
                    if (!ownWords.contains(word)) {
                        inSample.merge(word, 1, Integer::sum);
                    }
                }
            }
            double all = Math.max(1, searcher.getIndexReader().numDocs());
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : inSample.entrySet()) {
                // A word seen once in the sample is noise, not a finding.
                if (e.getValue() < 2) {
                    continue;
                }
                double fg = e.getValue() / (double) sample.length;
                double bg = Math.max(1, searcher.getIndexReader().docFreq(new Term(PostFields.TEXT, e.getKey()))) / all;
                if (fg > bg) {
                    scores.put(e.getKey(), (fg - bg) * (fg / bg));
                }
            }
            List<ValueCount> top = new ArrayList<>();
            for (String word : scores.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<String, Double>>comparingDouble(e -> -e.getValue())
                            .thenComparing(Map.Entry::getKey))
                    .limit(limit).map(Map.Entry::getKey).toList()) {
                Query withWord = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                        .add(new TermQuery(new Term(PostFields.TEXT, word)), BooleanClause.Occur.FILTER).build();
                top.add(new ValueCount(word, searcher.count(within(withWord, start, end)),
                        searcher.count(within(withWord, before, start))));
            }
            return top;
        });
    }

    /** The analysed form of one word of {@code text}, as the index holds it (case and accents folded). */
    public static String normalizeWord(String word) {
        return ANALYZER.normalize(PostFields.TEXT, word).utf8ToString();
    }

    private static Query within(Query query, long fromMillis, long toMillisExclusive) {
        return new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                .add(LongPoint.newRangeQuery(PostFields.CREATED, fromMillis, toMillisExclusive - 1),
                        BooleanClause.Occur.FILTER)
                .build();
    }

    /** The documents a query matches, one bit set per segment (indexed by leaf ordinal). */
    private static FixedBitSet[] matches(IndexSearcher searcher, Query query) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        FixedBitSet[] bits = new FixedBitSet[leaves.size()];
        for (LeafReaderContext leaf : leaves) {
            bits[leaf.ord] = new FixedBitSet(leaf.reader().maxDoc());
        }
        searcher.search(query, new CollectorManager<SimpleCollector, Void>() {
            @Override
            public SimpleCollector newCollector() {
                return new SimpleCollector() {
                    private FixedBitSet leafBits;

                    @Override
                    protected void doSetNextReader(LeafReaderContext context) {
                        leafBits = bits[context.ord];
                    }

                    @Override
                    public void collect(int doc) {
                        leafBits.set(doc);
                    }

                    @Override
                    public ScoreMode scoreMode() {
                        return ScoreMode.COMPLETE_NO_SCORES;
                    }
                };
            }

            @Override
            public Void reduce(Collection<SimpleCollector> collectors) {
                return null;
            }
        });
        return bits;
    }

    /** Counts matching documents into buckets by their {@code created} doc value. */
    private static final class HistogramManager implements CollectorManager<HistogramCollector, long[]> {
        private final long[] bounds;

        HistogramManager(long[] bounds) {
            this.bounds = bounds;
        }

        @Override
        public HistogramCollector newCollector() {
            return new HistogramCollector(bounds);
        }

        @Override
        public long[] reduce(Collection<HistogramCollector> collectors) {
            long[] total = new long[bounds.length - 1];
            for (HistogramCollector c : collectors) {
                for (int i = 0; i < total.length; i++) {
                    total[i] += c.counts[i];
                }
            }
            return total;
        }
    }

    private static final class HistogramCollector extends SimpleCollector {
        private final long[] bounds;
        final long[] counts;
        private NumericDocValues created;

        HistogramCollector(long[] bounds) {
            this.bounds = bounds;
            this.counts = new long[bounds.length - 1];
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            created = DocValues.getNumeric(context.reader(), PostFields.CREATED);
        }

        @Override
        public void collect(int doc) throws IOException {
            if (created.advanceExact(doc)) {
                int at = Arrays.binarySearch(bounds, created.longValue());
                // An exact hit is a bucket's start; otherwise the insertion point follows the bucket.
                int bucket = at >= 0 ? at : -at - 2;
                if (bucket >= 0 && bucket < counts.length) {
                    counts[bucket]++;
                }
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
