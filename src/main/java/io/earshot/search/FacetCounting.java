package io.earshot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts the values of the requested facet dimensions over every hit, inside the search that ranks
 * them (one pass over the postings, instead of a second search that first collects every hit into a
 * bit set). Only the requested dimensions are counted: all dimensions share one doc-values field, so
 * each hit's values are still read, but the others are skipped. Values are counted by their
 * {@link FacetLabels} numbers.
 *
 * <p>The answer is what {@code SortedSetDocValuesFacetCounts.getTopChildren} gives for the same hits:
 * the most frequent values, ties in label order.
 */
final class FacetCounting implements CollectorManager<FacetCounting.Counter, int[][]> {

    private final List<String> dims;
    private final FacetLabels.Dictionary[] dictionaries;
    /** Per segment of the reader (by its ord) and requested dimension. */
    private final FacetLabels.SegmentOrds[][] segmentOrds;
    /** Per requested dimension: numbers in use when the search started, all this reader's among them. */
    private final int[] sizes;

    FacetCounting(FacetLabels labels, IndexReader reader, List<String> dims) throws IOException {
        this.dims = dims;
        List<LeafReaderContext> leaves = reader.leaves();
        this.segmentOrds = new FacetLabels.SegmentOrds[leaves.size()][dims.size()];
        for (LeafReaderContext leaf : leaves) {
            for (int d = 0; d < dims.size(); d++) {
                segmentOrds[leaf.ord][d] = labels.ords(leaf.reader(), dims.get(d));
            }
        }
        this.dictionaries = dims.stream().map(labels::dictionary).toArray(FacetLabels.Dictionary[]::new);
        this.sizes = new int[dims.size()];
        for (int d = 0; d < dims.size(); d++) {
            sizes[d] = dictionaries[d].size();
        }
    }

    @Override
    public Counter newCollector() {
        return new Counter();
    }

    @Override
    public int[][] reduce(Collection<Counter> counters) {
        int[][] sum = null;
        for (Counter c : counters) {
            if (sum == null) {
                sum = c.counts;
                continue;
            }
            for (int d = 0; d < sum.length; d++) {
                for (int i = 0; i < sum[d].length; i++) {
                    sum[d][i] += c.counts[d][i];
                }
            }
        }
        return sum == null ? new Counter().counts : sum;
    }

    /** The top {@code n} values of each requested dimension, by count, ties in label order. */
    Map<String, List<SearchResult.FacetValue>> top(int[][] counts, int n) {
        Map<String, List<SearchResult.FacetValue>> result = new LinkedHashMap<>();
        for (int d = 0; d < dims.size(); d++) {
            List<SearchResult.FacetValue> values = new ArrayList<>();
            for (int number : topNumbers(counts[d], dictionaries[d], n)) {
                values.add(new SearchResult.FacetValue(dictionaries[d].label(number), counts[d][number]));
            }
            result.put(dims.get(d), values);
        }
        return result;
    }

    /** Numbers with the highest counts, highest first, the lower label first on a tie. */
    private static List<Integer> topNumbers(int[] counts, FacetLabels.Dictionary dictionary, int n) {
        List<Integer> top = new ArrayList<>(n + 1);
        for (int number = 0; number < counts.length; number++) {
            int count = counts[number];
            if (count == 0 || (top.size() == n && !before(counts, dictionary, number, top.get(n - 1)))) {
                continue;
            }
            int at = top.size();
            while (at > 0 && before(counts, dictionary, number, top.get(at - 1))) {
                at--;
            }
            top.add(at, number);
            if (top.size() > n) {
                top.remove(n);
            }
        }
        return top;
    }

    private static boolean before(int[] counts, FacetLabels.Dictionary dictionary, int a, int b) {
        if (counts[a] != counts[b]) {
            return counts[a] > counts[b];
        }
        // Lucene orders values by their bytes (global ordinals), and breaks ties by ordinal.
        return dictionary.term(a).compareTo(dictionary.term(b)) < 0;
    }

    /** Counts one slice's hits. */
    final class Counter implements Collector {

        final int[][] counts = new int[dims.size()][];

        Counter() {
            for (int d = 0; d < counts.length; d++) {
                counts[d] = new int[sizes[d]];
            }
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            SortedSetDocValues values = DocValues.getSortedSet(context.reader(),
                    PostDocuments.FACETS.getDimConfig(dims.get(0)).indexFieldName);
            FacetLabels.SegmentOrds[] ords = segmentOrds[context.ord];
            long[] starts = new long[ords.length];
            long[] ends = new long[ords.length];
            for (int d = 0; d < ords.length; d++) {
                starts[d] = ords[d].start();
                ends[d] = ords[d].start() + ords[d].numbers().length;
            }
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                    // Counts need no scores.
                }

                @Override
                public void collect(int doc) throws IOException {
                    if (!values.advanceExact(doc)) {
                        return;
                    }
                    for (int i = 0, n = values.docValueCount(); i < n; i++) {
                        long ord = values.nextOrd();
                        for (int d = 0; d < starts.length; d++) {
                            if (ord >= starts[d] && ord < ends[d]) {
                                counts[d][ords[d].numbers()[(int) (ord - starts[d])]]++;
                                break;
                            }
                        }
                    }
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
