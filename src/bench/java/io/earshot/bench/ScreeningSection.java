package io.earshot.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.Query;

import io.earshot.bench.generate.GeneratedPost;
import io.earshot.bench.generate.ListeningRule;
import io.earshot.bench.generate.PostGenerator;
import io.earshot.post.Post;
import io.earshot.rules.Rule;
import io.earshot.rules.RuleMatcher;
import io.earshot.search.PostAnalyzer;
import io.earshot.search.PostDocuments;
import io.earshot.search.QueryLanguage;

/**
 * Posts per second through rule matching alone ({@link RuleMatcher}, as the pipeline builds it),
 * with 1k and 10k generated rules, against the naive way on the same posts in the same run: every
 * rule run on every post over a {@link MemoryIndex}. Also checks the matcher against the counts
 * the generator planted.
 */
final class ScreeningSection implements Section {

    private static final String NAME = "screening";
    /** The pipeline's import batch; the matcher splits it into chunks of 100 on every core. */
    private static final int BATCH = 1_000;
    private static final int CHUNK = 100;
    private static final long NAIVE_SECONDS = 4;

    /** Kept so the JIT cannot drop the naive loop's searches as unused. */
    private long naiveMatches;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int size = context.options().integer("screening-posts", context.options().integer("posts", 100_000));
        PostGenerator generator = context.generator(size);
        List<GeneratedPost> generated = new ArrayList<>(size);
        List<Post> posts = new ArrayList<>(size);
        for (GeneratedPost post : generator) {
            generated.add(post);
            posts.add(Envelopes.post(post.json()));
        }
        Report report = context.report();
        int threads = Runtime.getRuntime().availableProcessors();
        for (String set : List.of("1k", "10k")) {
            List<ListeningRule> rules = generator.rules().named(set);
            try (RuleMatcher matcher = new RuleMatcher(CHUNK, threads)) {
                long registering = System.nanoTime();
                matcher.registerAll(rules.stream().map(ScreeningSection::entity).toList());
                report.single(NAME, set + " rules: register all", (System.nanoTime() - registering) / 1e9, "s");
                Map<Long, Long> counts = match(matcher, posts.subList(0, Math.min(posts.size(), 20_000)));
                List<Double> rates = new ArrayList<>();
                for (int run = 0; run < context.runs(); run++) {
                    long started = System.nanoTime();
                    counts = match(matcher, posts);
                    rates.add(posts.size() / ((System.nanoTime() - started) / 1e9));
                }
                Samples monitor = new Samples(rates);
                report.add(NAME, set + " rules: Earshot matcher (batches of 1,000, " + threads + " threads)", monitor,
                        "posts/s", set.equals("10k") ? "≥ 20,000" : "", set.equals("10k") ? monitor.median() >= 20_000 : null);
                long wrong = mismatches(rules, generated, counts);
                long matched = generated.stream().filter(p -> p.matchesAnyOf(rules.size())).count();
                report.single(NAME, set + " rules: posts matching (planted)", 100.0 * matched / size, "%");
                report.add(NAME, set + " rules: rules whose count differs from the planted count",
                        new Samples(new double[] { wrong }), "rules", "0", wrong == 0);
                Samples naive = naive(rules, posts);
                report.add(NAME, set + " rules: naive, every rule on every post (MemoryIndex, 1 thread)", naive,
                        "posts/s");
                double speedup = monitor.median() / naive.median();
                report.add(NAME, set + " rules: Earshot / naive", new Samples(new double[] { speedup }), "x",
                        set.equals("10k") ? "≥ 200" : "", set.equals("10k") ? speedup >= 200 : null);
            }
        }
        report.note(NAME, "posts are parsed before the clock starts; the matcher screens them in chunks of " + CHUNK
                + " per thread, turns each into a Lucene document, looks its terms up among the rules' terms and hands"
                + " only the posts that share one to Monitor, one at a time (a MemoryIndex each), which runs only the"
                + " rules its presearcher selects. The naive loop runs every parsed rule against a MemoryIndex of each post on one thread"
                + " for about " + NAIVE_SECONDS + " s per run (rate per post, extrapolated).");
    }

    private static Rule entity(ListeningRule generated) {
        Rule rule = new Rule();
        rule.id = generated.id();
        rule.name = generated.name();
        rule.query = generated.query();
        rule.enabled = true;
        return rule;
    }

    private static Map<Long, Long> match(RuleMatcher matcher, List<Post> posts) {
        Map<Long, Long> counts = new HashMap<>();
        for (int start = 0; start < posts.size(); start += BATCH) {
            for (Set<Long> ids : matcher.match(posts.subList(start, Math.min(posts.size(), start + BATCH)))) {
                ids.forEach(id -> counts.merge(id, 1L, Long::sum));
            }
        }
        return counts;
    }

    private static long mismatches(List<ListeningRule> rules, List<GeneratedPost> posts, Map<Long, Long> counts) {
        Map<Long, Long> planted = new HashMap<>();
        for (GeneratedPost post : posts) {
            for (long id : post.ruleIds()) {
                if (id <= rules.size()) {
                    planted.merge(id, 1L, Long::sum);
                }
            }
        }
        long wrong = 0;
        for (ListeningRule rule : rules) {
            long expected = planted.getOrDefault(rule.id(), 0L);
            long actual = counts.getOrDefault(rule.id(), 0L);
            if (expected != actual) {
                if (wrong < 5) {
                    System.out.println("  rule " + rule.id() + " " + rule.query() + ": planted " + expected
                            + ", matched " + actual);
                }
                wrong++;
            }
        }
        return wrong;
    }

    private Samples naive(List<ListeningRule> rules, List<Post> posts) {
        Analyzer analyzer = PostAnalyzer.create();
        QueryLanguage language = new QueryLanguage(analyzer);
        List<Query> queries = rules.stream().map(r -> language.parse(r.query())).toList();
        List<Double> rates = new ArrayList<>();
        int next = 0;
        for (int run = 0; run < 3; run++) {
            long started = System.nanoTime();
            long deadline = started + NAIVE_SECONDS * 1_000_000_000L;
            int done = 0;
            long sink = 0;
            while (System.nanoTime() < deadline || done < 5) {
                MemoryIndex index = MemoryIndex.fromDocument(PostDocuments.content(posts.get(next++ % posts.size())),
                        analyzer);
                for (Query query : queries) {
                    if (index.search(query) > 0) {
                        sink++;
                    }
                }
                done++;
            }
            rates.add(done / ((System.nanoTime() - started) / 1e9));
            naiveMatches += sink;
        }
        return new Samples(rates);
    }
}
