package io.earshot.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.QueryDecomposer;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * The terms by which Monitor's presearcher finds candidate rules, for every rule registered in it: a
 * post with none of them is a candidate for no rule, so it skips Monitor.
 *
 * <p>Monitor writes every chunk of posts into an in-memory index of its own before its presearcher
 * asks which rules share a term with them, and that index was most of the cost of screening, while
 * about 97 posts in 100 of a brand's stream match nothing. Analysing a post's fields and looking its
 * terms up here costs a fraction of it. The terms are taken from the presearcher itself (the document
 * it indexes for each part of a rule's query, as Monitor decomposes it), so a post skipped here is
 * one Monitor would have found no candidate rule for: the answer is the same, only cheaper. A rule
 * the presearcher cannot index by terms (a wildcard, a range) makes every post a candidate.
 *
 * <p>Rules change while posts are matched: a rule's new terms are included before Monitor holds it,
 * and its old ones dropped only after, so the terms are always a superset of what Monitor needs.
 */
final class CandidateTerms {

    /**
     * What one rule contributes, as text per field: its terms, and the prefixes of its prefix parts
     * (without {@link PrefixQueryHandler#MARK}); or every post.
     */
    private record RuleTerms(boolean everyPost, Map<String, Set<String>> exact, Map<String, Set<String>> prefixes) {
        static final RuleTerms EVERY_POST = new RuleTerms(true, Map.of(), Map.of());
    }

    /** Changes Monitor's rules; run by {@link #register} between its two steps. */
    @FunctionalInterface
    interface MonitorChange {
        void run() throws IOException;
    }

    /**
     * The union over all rules, read without a lock by the matching threads: terms per field, and per
     * field the prefixes of prefix rules (without {@link PrefixQueryHandler#MARK}), as text.
     */
    private record Snapshot(boolean everyPost, Map<String, CharArraySet> exact, Map<String, CharArraySet> prefixes,
            int shortestPrefix, int longestPrefix) {
        static final Snapshot NONE = new Snapshot(false, Map.of(), Map.of(), 0, 0);
    }

    private final Presearcher presearcher;
    private final Analyzer analyzer;
    private final QueryDecomposer decomposer = new QueryDecomposer();
    private final Map<Long, RuleTerms> rules = new HashMap<>();
    private volatile Snapshot snapshot = Snapshot.NONE;

    CandidateTerms(Presearcher presearcher, Analyzer analyzer) {
        this.presearcher = presearcher;
        this.analyzer = analyzer;
    }

    /**
     * Changes Monitor's rules through {@code change} while keeping the terms a superset of what Monitor
     * holds: each registered rule's new terms join its old ones before the change and replace them
     * after; the terms of the rules leaving Monitor are dropped after it. Each rule's terms are taken
     * once, and the union is rebuilt at most once on each side of the change.
     */
    synchronized void register(Map<Long, Query> queries, Collection<Long> leaving, MonitorChange change)
            throws IOException {
        Map<Long, RuleTerms> terms = new HashMap<>();
        queries.forEach((id, query) -> terms.put(id, termsOf(query)));
        if (!terms.isEmpty()) {
            terms.forEach((id, added) -> rules.merge(id, added, CandidateTerms::union));
            rebuild();
        }
        change.run();
        boolean dropped = rules.keySet().removeAll(leaving);
        if (!terms.isEmpty() || dropped) {
            rules.putAll(terms);
            rebuild();
        }
    }

    /** Whether some rule may match this document of a post ({@code PostDocuments.content}). */
    boolean mayMatch(Document doc) {
        Snapshot terms = snapshot;
        if (terms.everyPost()) {
            return true;
        }
        for (IndexableField field : doc) {
            CharArraySet exact = terms.exact().get(field.name());
            CharArraySet prefixes = terms.prefixes().get(field.name());
            if ((exact != null || prefixes != null) && field.fieldType().indexOptions() != IndexOptions.NONE
                    && hasAny(field, exact, prefixes, terms)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Looks the field's tokens up as characters: converting each to UTF-8 and hashing the bytes, for
     * the token and each of its prefixes, cost more than the analysis. A token with a surrogate is
     * first spelt as the index spells it (a lone surrogate becomes U+FFFD), so the answer is the same.
     */
    private boolean hasAny(IndexableField field, CharArraySet exact, CharArraySet prefixes, Snapshot terms) {
        try (TokenStream tokens = field.tokenStream(analyzer, null)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            boolean found = false;
            while (!found && tokens.incrementToken()) {
                char[] chars = term.buffer();
                int length = term.length();
                if (hasSurrogate(chars, length)) {
                    chars = new BytesRef(term).utf8ToString().toCharArray();
                    length = chars.length;
                }
                found = exact != null && exact.contains(chars, 0, length)
                        || prefixes != null && hasPrefix(chars, length, prefixes, terms);
            }
            tokens.end();
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasSurrogate(char[] chars, int length) {
        for (int i = 0; i < length; i++) {
            if (Character.isSurrogate(chars[i])) {
                return true;
            }
        }
        return false;
    }

    /** Whether a prefix rule's prefix (as {@link PrefixQueryHandler} cuts it, in code points) starts the token. */
    private static boolean hasPrefix(char[] chars, int length, CharArraySet prefixes, Snapshot terms) {
        int end = 0;
        for (int codePoints = 1; codePoints <= terms.longestPrefix() && end < length; codePoints++) {
            end += Character.isHighSurrogate(chars[end]) && end + 1 < length ? 2 : 1;
            if (codePoints >= terms.shortestPrefix() && prefixes.contains(chars, 0, end)) {
                return true;
            }
        }
        return false;
    }

    private RuleTerms termsOf(Query query) {
        Map<String, Set<String>> exact = new HashMap<>();
        Map<String, Set<String>> prefixes = new HashMap<>();
        for (Query part : decomposer.decompose(query)) {
            for (IndexableField field : presearcher.indexQuery(part, Map.of())) {
                if (field.name().equals(TermFilteredPresearcher.ANYTOKEN_FIELD)) {
                    return RuleTerms.EVERY_POST;
                }
                for (String term : termsOf(field)) {
                    boolean prefix = !term.isEmpty() && term.charAt(0) == PrefixQueryHandler.MARK;
                    (prefix ? prefixes : exact).computeIfAbsent(field.name(), f -> new HashSet<>())
                            .add(prefix ? term.substring(1) : term);
                }
            }
        }
        return new RuleTerms(false, exact, prefixes);
    }

    /** The terms of one field of the presearcher's document for a rule (a token stream of its terms). */
    private static List<String> termsOf(IndexableField field) {
        List<String> terms = new ArrayList<>();
        try (TokenStream tokens = field.tokenStream(null, null)) {
            TermToBytesRefAttribute term = tokens.addAttribute(TermToBytesRefAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.getBytesRef().utf8ToString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static RuleTerms union(RuleTerms a, RuleTerms b) {
        if (a.everyPost() || b.everyPost()) {
            return RuleTerms.EVERY_POST;
        }
        return new RuleTerms(false, union(a.exact(), b.exact()), union(a.prefixes(), b.prefixes()));
    }

    private static Map<String, Set<String>> union(Map<String, Set<String>> a, Map<String, Set<String>> b) {
        Map<String, Set<String>> byField = new HashMap<>();
        for (Map<String, Set<String>> terms : List.of(a, b)) {
            terms.forEach((field, set) -> byField.computeIfAbsent(field, f -> new HashSet<>()).addAll(set));
        }
        return byField;
    }

    private void rebuild() {
        boolean everyPost = false;
        Map<String, CharArraySet> exact = new HashMap<>();
        Map<String, CharArraySet> prefixes = new HashMap<>();
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        for (RuleTerms terms : rules.values()) {
            everyPost |= terms.everyPost();
            addAll(exact, terms.exact());
            addAll(prefixes, terms.prefixes());
            for (Set<String> fieldPrefixes : terms.prefixes().values()) {
                for (String prefix : fieldPrefixes) {
                    int codePoints = prefix.codePointCount(0, prefix.length());
                    shortest = Math.min(shortest, codePoints);
                    longest = Math.max(longest, codePoints);
                }
            }
        }
        snapshot = new Snapshot(everyPost, exact, prefixes, shortest, longest);
    }

    private static void addAll(Map<String, CharArraySet> into, Map<String, Set<String>> terms) {
        terms.forEach((field, set) -> into.computeIfAbsent(field, f -> new CharArraySet(16, false)).addAll(set));
    }
}
