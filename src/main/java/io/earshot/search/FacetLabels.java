package io.earshot.search;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;

/**
 * Facet values numbered once for the life of the index, and each segment's ordinals mapped to those
 * numbers once for the life of the segment. Lucene's own global ordinals
 * ({@code DefaultSortedSetDocValuesReaderState}) are rebuilt from every segment's values for each new
 * reader: about a second at 1M posts on a busy machine, paid by the first search after every refresh,
 * that is after every ingest batch. Here a refresh costs only the mapping of its new small segments
 * (and a merge the mapping of the merged segment, once).
 *
 * <p>Numbers are not in label order; {@link FacetCounting} breaks ties between counts by label, as
 * Lucene does by ordinal. Values of deleted posts keep their number (the dictionary only grows, by
 * the distinct values ever indexed).
 */
final class FacetLabels {

    /** Per dimension: the full facet term ({@code dim<DELIM>value}) of each number. */
    private final Map<String, Dictionary> dictionaries = new ConcurrentHashMap<>();
    /** Per segment core and dimension: segment ordinal (from the dimension's first) to number. */
    private final Map<IndexReader.CacheKey, Map<String, SegmentOrds>> segments = new ConcurrentHashMap<>();

    /** A segment's ordinals {@code [start, start + numbers.length)} are the dimension's values. */
    record SegmentOrds(long start, int[] numbers) {
    }

    /** The numbered values of one dimension, held compactly (the bytes in blocks, numbers in int arrays). */
    static final class Dictionary {

        private final BytesRefHash terms = new BytesRefHash();

        synchronized int number(BytesRef term) {
            int n = terms.add(term);
            return n >= 0 ? n : -n - 1;
        }

        synchronized int size() {
            return terms.size();
        }

        /** A copy of the facet term of {@code number}. */
        synchronized BytesRef term(int number) {
            return BytesRef.deepCopyOf(terms.get(number, new BytesRef()));
        }

        /** The value as {@code getTopChildren} labels it: the last component of the facet path. */
        String label(int number) {
            String[] path = FacetsConfig.stringToPath(term(number).utf8ToString());
            return path[path.length - 1];
        }
    }

    Dictionary dictionary(String dim) {
        return dictionaries.computeIfAbsent(dim, d -> new Dictionary());
    }

    /** The mapping of this segment's values of {@code dim}, made on the segment's first search. */
    SegmentOrds ords(LeafReader segment, String dim) throws IOException {
        IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
        if (helper == null) {
            return map(segment, dim);
        }
        Map<String, SegmentOrds> byDim = segments.computeIfAbsent(helper.getKey(), key -> {
            helper.addClosedListener(segments::remove);
            return new ConcurrentHashMap<>();
        });
        SegmentOrds ords = byDim.get(dim);
        if (ords == null) {
            ords = map(segment, dim);
            byDim.put(dim, ords);
        }
        return ords;
    }

    /**
     * Values sort as {@code dim<DELIM>value}, so one dimension's values are consecutive ordinals of the
     * segment: from the first term at or after {@code dim<DELIM>} to the first at or after the next
     * character.
     */
    private SegmentOrds map(LeafReader segment, String dim) throws IOException {
        SortedSetDocValues values = DocValues.getSortedSet(segment, PostDocuments.FACETS.getDimConfig(dim).indexFieldName);
        long start = insertionPoint(values, dim + FacetsConfig.DELIM_CHAR);
        long end = insertionPoint(values, dim + (char) (FacetsConfig.DELIM_CHAR + 1));
        int[] numbers = new int[Math.toIntExact(end - start)];
        if (numbers.length > 0) {
            Dictionary dictionary = dictionary(dim);
            TermsEnum terms = values.termsEnum();
            terms.seekExact(start);
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = dictionary.number(terms.term());
                terms.next();
            }
        }
        return new SegmentOrds(start, numbers);
    }

    private static long insertionPoint(SortedSetDocValues values, String key) throws IOException {
        long found = values.lookupTerm(new BytesRef(key));
        return found >= 0 ? found : -found - 1;
    }
}
