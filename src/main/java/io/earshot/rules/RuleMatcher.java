package io.earshot.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.lucene.document.Document;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultiMatchingQueries;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.search.Query;

import io.earshot.post.Post;
import io.earshot.search.PostAnalyzer;
import io.earshot.search.PostDocuments;
import io.earshot.search.QueryLanguage;

/**
 * Matches posts against every enabled listening rule with Lucene Monitor: each rule is a registered
 * query, and a batch of posts is matched in chunks, each chunk in one Monitor call. Registering or
 * removing a rule takes effect for the next call. Thread-safe.
 */
public final class RuleMatcher implements AutoCloseable {

    private final Monitor monitor;
    private final QueryLanguage language;
    private final int chunkSize;
    private final ExecutorService workers;

    /**
     * @param chunkSize posts per Monitor call
     * @param threads how many chunks are matched at once; building a chunk's in-memory index is most of
     *        the cost when there are few rules, and it parallelises cleanly
     */
    public RuleMatcher(int chunkSize, int threads) {
        this.chunkSize = chunkSize;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "earshot-match-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.language = new QueryLanguage(PostAnalyzer.create());
        try {
            this.monitor = new Monitor(PostAnalyzer.create(), new TermFilteredPresearcher(
                    TermFilteredPresearcher.DEFAULT_WEIGHTOR, List.of(new PrefixQueryHandler()), Set.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks a rule's query without registering it; throws {@code InvalidQueryException} if refused. */
    public Query validate(String query) {
        return language.parse(query);
    }

    /** Registers (or replaces) the rule with this id. */
    public void register(long ruleId, String query) {
        register(List.of(new MonitorQuery(Long.toString(ruleId), validate(query), query, Map.of())));
    }

    /** Registers many rules at once (start-up). */
    public void registerAll(List<Rule> rules) {
        List<MonitorQuery> queries = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            queries.add(new MonitorQuery(Long.toString(rule.id), validate(rule.query), rule.query, Map.of()));
        }
        register(queries);
    }

    private void register(List<MonitorQuery> queries) {
        try {
            monitor.register(queries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(long ruleId) {
        try {
            monitor.deleteById(Long.toString(ruleId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Matches posts against the registered rules.
     *
     * @return for each post, in order, the ids of the rules it matches (empty when none)
     */
    public List<Set<Long>> match(List<Post> posts) {
        if (posts.isEmpty()) {
            return List.of();
        }
        if (posts.size() <= chunkSize) {
            return matchChunk(posts);
        }
        List<Future<List<Set<Long>>>> chunks = new ArrayList<>();
        for (int start = 0; start < posts.size(); start += chunkSize) {
            List<Post> chunk = posts.subList(start, Math.min(posts.size(), start + chunkSize));
            chunks.add(workers.submit(() -> matchChunk(chunk)));
        }
        List<Set<Long>> result = new ArrayList<>(posts.size());
        try {
            for (Future<List<Set<Long>>> chunk : chunks) {
                result.addAll(chunk.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while matching", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        return result;
    }

    private List<Set<Long>> matchChunk(List<Post> chunk) {
        Document[] docs = new Document[chunk.size()];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = PostDocuments.content(chunk.get(i));
        }
        MultiMatchingQueries<QueryMatch> matches;
        try {
            matches = monitor.match(docs, QueryMatch.SIMPLE_MATCHER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Set<Long>> result = new ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            Set<Long> ids = new HashSet<>();
            for (QueryMatch match : matches.getMatches(i)) {
                ids.add(Long.parseLong(match.getQueryId()));
            }
            result.add(ids);
        }
        return result;
    }

    @Override
    public void close() throws IOException {
        workers.shutdownNow();
        monitor.close();
    }
}
