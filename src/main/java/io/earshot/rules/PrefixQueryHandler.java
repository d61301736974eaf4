package io.earshot.rules;

import java.io.IOException;
import java.util.function.BiConsumer;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.CustomQueryHandler;
import org.apache.lucene.monitor.QueryTree;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * Makes prefix rules ({@code acme*}) filterable by the presearcher.
 *
 * <p>Out of the box the Monitor cannot index a prefix query by a term, so every prefix rule runs
 * against every post. This handler indexes a prefix rule under one marked term, the prefix cut to
 * {@link #MAX_PREFIX} characters, and adds the same marked prefixes of every document term on the
 * document side. A post is then a candidate only for prefix rules it can match; the real query
 * still decides.
 */
final class PrefixQueryHandler implements CustomQueryHandler {

    /** Longest prefix emitted per document term; longer rule prefixes are cut to it (a superset). */
    static final int MAX_PREFIX = 8;
    /** Marks prefix terms so they never collide with ordinary terms. */
    static final char MARK = '\u0001';

    @Override
    public QueryTree handleQuery(Query query, TermWeightor weightor) {
        if (!(query instanceof PrefixQuery prefixQuery)) {
            return null;
        }
        Term prefix = prefixQuery.getPrefix();
        String text = prefix.text();
        if (text.isEmpty()) {
            return null;
        }
        int end = text.offsetByCodePoints(0, Math.min(MAX_PREFIX, text.codePointCount(0, text.length())));
        Term marked = new Term(prefix.field(), MARK + text.substring(0, end));
        double weight = weightor.applyAsDouble(marked);
        return new QueryTree() {
            @Override
            public double weight() {
                return weight;
            }

            @Override
            public void collectTerms(BiConsumer<String, BytesRef> collector) {
                collector.accept(marked.field(), marked.bytes());
            }

            @Override
            public boolean advancePhase(double minWeight) {
                return false;
            }

            @Override
            public String toString(int depth) {
                return space(depth) + "PREFIX[" + marked.field() + ":" + text + "]^" + weight;
            }
        };
    }

    @Override
    public TokenStream wrapTermStream(String field, TokenStream in) {
        return new MarkedPrefixFilter(in);
    }

    /** Emits each term followed by its marked prefixes of 1 to {@link #MAX_PREFIX} code points. */
    private static final class MarkedPrefixFilter extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private String current;
        private int emitted;
        private int codePoints;

        MarkedPrefixFilter(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (current != null && emitted < codePoints) {
                emitted++;
                int end = current.offsetByCodePoints(0, emitted);
                clearAttributes();
                term.setEmpty().append(MARK).append(current, 0, end);
                return true;
            }
            if (!input.incrementToken()) {
                return false;
            }
            current = term.toString();
            emitted = 0;
            codePoints = Math.min(MAX_PREFIX, current.codePointCount(0, current.length()));
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            current = null;
            emitted = 0;
            codePoints = 0;
        }
    }
}
