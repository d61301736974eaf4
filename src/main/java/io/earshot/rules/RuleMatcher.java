package io.earshot.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.lucene.document.Document;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

import io.earshot.post.Post;
import io.earshot.search.PostAnalyzer;
import io.earshot.search.PostDocuments;
import io.earshot.search.QueryLanguage;

/**
 * Matches posts against every enabled listening rule with Lucene Monitor: each rule is a registered
 * query, and a batch of posts is matched in chunks, one task each. Registering or
 * removing a rule takes effect for the next call. Thread-safe.
 *
 * <p>A rule that matches every post ({@code *:*}, the catch-all of an import or a replay) is kept
 * beside Monitor rather than in it: Monitor would index every post only to answer yes for each. When
 * no other rule is enabled, posts are not analysed for matching at all.
 *
 * <p>Likewise only posts that share a term with some rule ({@link CandidateTerms}) reach Monitor; in a
 * brand's stream most posts share none.
 */
public final class RuleMatcher implements AutoCloseable {

    private final Monitor monitor;
    private final CandidateTerms candidates;
    private final QueryLanguage language;
    private final int chunkSize;
    private final ExecutorService workers;
    /** Rules registered in Monitor, and rules that match every post without it. */
    private final Set<Long> monitored = ConcurrentHashMap.newKeySet();
    private final Set<Long> matchEverything = ConcurrentHashMap.newKeySet();

    /**
     * @param chunkSize posts per matching task
     * @param threads how many chunks are matched at once; analysing posts is most of the cost when there
     *        are few rules, and it parallelises cleanly
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
            TermFilteredPresearcher presearcher = new TermFilteredPresearcher(TermFilteredPresearcher.DEFAULT_WEIGHTOR,
                    List.of(new PrefixQueryHandler()), Set.of());
            this.monitor = new Monitor(PostAnalyzer.create(), presearcher);
            this.candidates = new CandidateTerms(presearcher, PostAnalyzer.create());
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
        registerEach(List.of(new Registration(ruleId, query)));
    }

    /** Registers many rules at once (start-up). */
    public void registerAll(List<Rule> rules) {
        registerEach(rules.stream().map(rule -> new Registration(rule.id, rule.query)).toList());
    }

    private record Registration(long ruleId, String query) {
    }

    private void registerEach(Collection<Registration> rules) {
        List<MonitorQuery> queries = new ArrayList<>(rules.size());
        Map<Long, Query> monitoredQueries = new HashMap<>();
        List<Long> everything = new ArrayList<>();
        for (Registration rule : rules) {
            Query query = validate(rule.query());
            if (query instanceof MatchAllDocsQuery) {
                everything.add(rule.ruleId());
            } else {
                queries.add(new MonitorQuery(Long.toString(rule.ruleId()), query, rule.query(), Map.of()));
                monitoredQueries.put(rule.ruleId(), query);
            }
        }
        // A rule edited into (or out of) a catch-all joins its new side before it leaves the old one, so
        // a batch matched meanwhile never misses it.
        matchEverything.addAll(everything);
        List<Long> leavingMonitor = new ArrayList<>();
        for (long id : everything) {
            if (monitored.remove(id)) {
                leavingMonitor.add(id);
            }
        }
        try {
            candidates.register(monitoredQueries, leavingMonitor, () -> {
                if (!leavingMonitor.isEmpty()) {
                    monitor.deleteById(leavingMonitor.stream().map(String::valueOf).toList());
                }
                if (!queries.isEmpty()) {
                    monitor.register(queries);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (MonitorQuery query : queries) {
            long id = Long.parseLong(query.getId());
            monitored.add(id);
            matchEverything.remove(id);
        }
    }

    public void remove(long ruleId) {
        matchEverything.remove(ruleId);
        if (monitored.remove(ruleId)) {
            try {
                candidates.register(Map.of(), List.of(ruleId), () -> monitor.deleteById(Long.toString(ruleId)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Matches posts against the registered rules.
     *
     * @return for each post, in order, the ids of the rules it matches (empty when none), read-only:
     *         posts that match the same rules may share one set
     */
    public List<Set<Long>> match(List<Post> posts) {
        if (posts.isEmpty()) {
            return List.of();
        }
        // Read once per call: every post of a batch sees the same catch-all rules, and a post that
        // matches nothing else shares this set instead of copying it.
        Set<Long> everything = Set.copyOf(matchEverything);
        if (monitored.isEmpty()) {
            return Collections.nCopies(posts.size(), everything);
        }
        if (posts.size() <= chunkSize) {
            return matchChunk(posts, everything);
        }
        List<Future<List<Set<Long>>>> chunks = new ArrayList<>();
        for (int start = 0; start < posts.size(); start += chunkSize) {
            List<Post> chunk = posts.subList(start, Math.min(posts.size(), start + chunkSize));
            chunks.add(workers.submit(() -> matchChunk(chunk, everything)));
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

    /**
     * Matches the posts of a chunk that share a term with some rule, one at a time; the rest match no
     * Monitor rule. Monitor puts a single post in a {@code MemoryIndex} but several in an index writer
     * of their own, whose set-up (writer, commit, reader) cost more than searching the rules once per
     * post once most posts no longer reach Monitor (measured with the screening section: 10k rules,
     * about 120,000 posts/s with the candidates of a chunk matched together, 157,000-180,000 one at a time).
     */
    private List<Set<Long>> matchChunk(List<Post> chunk, Set<Long> everything) {
        List<Set<Long>> result = new ArrayList<>(chunk.size());
        try {
            for (Post post : chunk) {
                Document doc = PostDocuments.content(post);
                result.add(candidates.mayMatch(doc)
                        ? ruleIds(monitor.match(doc, QueryMatch.SIMPLE_MATCHER).getMatches(), everything)
                        : everything);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /** The ids of the rules Monitor matched, with the rules that match every post. */
    private static Set<Long> ruleIds(Collection<QueryMatch> matches, Set<Long> everything) {
        if (matches.isEmpty()) {
            return everything;
        }
        Set<Long> ids = new HashSet<>(everything);
        for (QueryMatch match : matches) {
            ids.add(Long.parseLong(match.getQueryId()));
        }
        return ids;
    }

    @Override
    public void close() throws IOException {
        workers.shutdownNow();
        monitor.close();
    }
}
