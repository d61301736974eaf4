package io.earshot.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
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
import org.apache.lucene.util.BytesRefBuilder;

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

    /** What one rule contributes: terms per field, or every post. */
    private record RuleTerms(boolean everyPost, Map<String, Set<BytesRef>> byField) {
    }

    /** The union over all rules, read without a lock by the matching threads. */
    private record Snapshot(boolean everyPost, Map<String, Set<BytesRef>> exact, Map<String, Set<BytesRef>> marked,
            int longestMarked) {
        static final Snapshot NONE = new Snapshot(false, Map.of(), Map.of(), 0);
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

    /** Adds these rules' terms to what each already has: call before Monitor registers them. */
    synchronized void include(Map<Long, Query> queries) {
        queries.forEach((id, query) -> rules.merge(id, termsOf(query), CandidateTerms::union));
        rebuild();
    }

    /** Sets these rules' terms to theirs alone: call once Monitor holds the new queries. */
    synchronized void replace(Map<Long, Query> queries) {
        queries.forEach((id, query) -> rules.put(id, termsOf(query)));
        rebuild();
    }

    /** Drops a rule's terms: call once Monitor no longer holds it. */
    synchronized void remove(long ruleId) {
        if (rules.remove(ruleId) != null) {
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
            Set<BytesRef> exact = terms.exact().get(field.name());
            Set<BytesRef> marked = terms.marked().get(field.name());
            if ((exact != null || marked != null) && field.fieldType().indexOptions() != IndexOptions.NONE
                    && hasAny(field, exact, marked, terms.longestMarked())) {
                return true;
            }
        }
        return false;
    }

    private boolean hasAny(IndexableField field, Set<BytesRef> exact, Set<BytesRef> marked, int longestMarked) {
        try (TokenStream tokens = field.tokenStream(analyzer, null)) {
            TermToBytesRefAttribute bytes = tokens.addAttribute(TermToBytesRefAttribute.class);
            CharTermAttribute chars = tokens.addAttribute(CharTermAttribute.class);
            BytesRefBuilder prefix = new BytesRefBuilder();
            char[] markedChars = new char[16];
            tokens.reset();
            boolean found = false;
            while (!found && tokens.incrementToken()) {
                found = exact != null && exact.contains(bytes.getBytesRef());
                if (!found && marked != null) {
                    markedChars = markedPrefix(chars, markedChars);
                    found = hasMarkedPrefix(markedChars, chars.length(), marked, longestMarked, prefix);
                }
            }
            tokens.end();
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token behind {@link PrefixQueryHandler#MARK}, as the handler's document side spells its prefixes. */
    private static char[] markedPrefix(CharTermAttribute token, char[] buffer) {
        char[] marked = buffer.length > token.length() ? buffer : new char[token.length() + 1];
        marked[0] = PrefixQueryHandler.MARK;
        System.arraycopy(token.buffer(), 0, marked, 1, token.length());
        return marked;
    }

    private static boolean hasMarkedPrefix(char[] marked, int tokenLength, Set<BytesRef> terms, int longest,
            BytesRefBuilder prefix) {
        int codePoints = Math.min(longest, Character.codePointCount(marked, 1, tokenLength));
        for (int n = 1; n <= codePoints; n++) {
            int end = Character.offsetByCodePoints(marked, 1, tokenLength, 1, n);
            prefix.copyChars(marked, 0, end);
            if (terms.contains(prefix.get())) {
                return true;
            }
        }
        return false;
    }

    private RuleTerms termsOf(Query query) {
        Map<String, Set<BytesRef>> byField = new HashMap<>();
        for (Query part : decomposer.decompose(query)) {
            for (IndexableField field : presearcher.indexQuery(part, Map.of())) {
                if (field.name().equals(TermFilteredPresearcher.ANYTOKEN_FIELD)) {
                    return new RuleTerms(true, Map.of());
                }
                collect(field, byField.computeIfAbsent(field.name(), f -> new HashSet<>()));
            }
        }
        return new RuleTerms(false, byField);
    }

    /** The terms of one field of the presearcher's document for a rule (a token stream of its terms). */
    private static void collect(IndexableField field, Set<BytesRef> into) {
        try (TokenStream tokens = field.tokenStream(null, null)) {
            TermToBytesRefAttribute term = tokens.addAttribute(TermToBytesRefAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                into.add(BytesRef.deepCopyOf(term.getBytesRef()));
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RuleTerms union(RuleTerms a, RuleTerms b) {
        if (a.everyPost() || b.everyPost()) {
            return new RuleTerms(true, Map.of());
        }
        Map<String, Set<BytesRef>> byField = new HashMap<>();
        for (RuleTerms terms : new RuleTerms[] { a, b }) {
            terms.byField().forEach((field, set) -> byField.computeIfAbsent(field, f -> new HashSet<>()).addAll(set));
        }
        return new RuleTerms(false, byField);
    }

    private void rebuild() {
        boolean everyPost = false;
        Map<String, Set<BytesRef>> exact = new HashMap<>();
        Map<String, Set<BytesRef>> marked = new HashMap<>();
        int longestMarked = 0;
        for (RuleTerms terms : rules.values()) {
            everyPost |= terms.everyPost();
            for (Map.Entry<String, Set<BytesRef>> field : terms.byField().entrySet()) {
                for (BytesRef term : field.getValue()) {
                    if (term.length > 0 && term.bytes[term.offset] == PrefixQueryHandler.MARK) {
                        marked.computeIfAbsent(field.getKey(), f -> new HashSet<>()).add(term);
                        String text = term.utf8ToString();
                        longestMarked = Math.max(longestMarked, text.codePointCount(1, text.length()));
                    } else {
                        exact.computeIfAbsent(field.getKey(), f -> new HashSet<>()).add(term);
                    }
                }
            }
        }
        snapshot = new Snapshot(everyPost, exact, marked, longestMarked);
    }
}
