package io.earshot.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.earshot.bench.generate.Brand;
import io.earshot.bench.generate.GeneratorSettings;
import io.earshot.bench.generate.ListeningRule;
import io.earshot.bench.generate.PostGenerator;
import io.earshot.bench.generate.RuleSets;
import io.earshot.post.Post;

/**
 * Issue 3's measurement: a generated corpus (1,000,000 posts by default) imported into the app
 * over HTTP, then 20 typical queries with facets and highlights over HTTP, p50 and p99, against the
 * same queries in PostgreSQL full-text search (GIN index on {@code to_tsvector('english', text)},
 * ranked with {@code ts_rank} or sorted by date) on the same posts, in the same run.
 */
public final class SearchSection implements Section {

    private static final String NAME = "search";
    static final String DATABASE = "bench_search";
    private static final String FTS_DATABASE = "bench_fts";
    /** The facets every Earshot query asks for. */
    public static final String FACETS = "hashtag,author,rule";
    private static final int EARSHOT_REPEATS = 10;
    private static final int PG_REPEATS = 2;

    /** One typical query, in Earshot's language and as a PostgreSQL tsquery, with its sort. */
    public record TypicalQuery(String kind, String earshot, String tsquery, boolean newest) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int size = context.options().integer("search-posts", context.options().integer("posts", 1_000_000));
        Path corpus = corpus(context, size);
        PostGenerator world = context.generator(10);
        List<TypicalQuery> queries = queries(world.rules().brands().get(0));
        Report report = context.report();

        Postgres.recreate(DATABASE);
        Path data = context.workDir().resolve("data-search");
        App.run(List.of("rm", "-rf", data.toString()), null);
        try (App app = App.start(context, "app-search", DATABASE, data, Map.of(), List.of())) {
            context.fact("startup.empty", app.startSeconds());
            context.fact("rss.rest.empty", app.rssMiB());
            context.fact("heap.rest.empty", app.heapMiB());
            app.rule("everything (benchmark corpus)", "*:*");
            for (ListeningRule rule : world.rules().named(RuleSets.PRODUCT)) {
                app.rule(rule.name(), rule.query());
            }
            long started = System.nanoTime();
            JsonNode answer;
            try (LoadSampler sampler = new LoadSampler(app)) {
                answer = app.post("/api/import?format=ndjson", "application/x-ndjson",
                        HttpRequest.BodyPublishers.ofFile(corpus));
                context.fact("rss.load.peak", sampler.peakRssMiB());
                context.fact("heap.load.peak", sampler.peakHeapMiB());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            report.single(NAME, String.format("import %,d posts over HTTP, every post matches (one run)", size),
                    answer.get("accepted").asLong() / seconds, "posts/s");
            context.fact("index.bytes", directorySize(data.resolve("index")));
            context.fact("index.posts", answer.get("accepted").asDouble());
            System.gc();
            Thread.sleep(5_000);
            context.fact("rss.rest.loaded", app.rssMiB());
            context.fact("heap.rest.loaded", app.heapMiB());

            for (int pass = 0; pass < 3; pass++) {
                for (TypicalQuery query : queries) {
                    earshot(app, query);
                }
            }
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            Map<TypicalQuery, List<Double>> perQuery = new LinkedHashMap<>();
            for (int run = 0; run < context.runs(); run++) {
                List<Double> times = new ArrayList<>();
                for (int rep = 0; rep < EARSHOT_REPEATS; rep++) {
                    for (TypicalQuery query : queries) {
                        double ms = earshot(app, query);
                        times.add(ms);
                        perQuery.computeIfAbsent(query, q -> new ArrayList<>()).add(ms);
                    }
                }
                Samples samples = new Samples(times);
                p50.add(samples.percentile(50));
                p99.add(samples.percentile(99));
            }
            Samples earshot99 = new Samples(p99);
            report.add(NAME, "Earshot over HTTP, 20 queries, facets + highlights: p50", new Samples(p50), "ms");
            report.add(NAME, "Earshot over HTTP, 20 queries, facets + highlights: p99", earshot99, "ms", "≤ 20",
                    earshot99.median() <= 20);
            report.note(NAME, "Earshot's slowest queries by median over all runs: " + slowest(perQuery, 5) + ".");

            Samples pg99 = postgres(context, corpus, queries);
            double ratio = pg99.median() / earshot99.median();
            report.add(NAME, "PostgreSQL p99 / Earshot p99", new Samples(new double[] { ratio }), "x", "≥ 20",
                    ratio >= 20);
        }
        report.note(NAME, "the queries: " + String.join("; ", queries.stream()
                .map(q -> "`" + q.earshot() + "`" + (q.newest() ? " (newest)" : "")).toList())
                + ". Earshot answers top 25 with total, highlights and facets " + FACETS + "; PostgreSQL answers top 25"
                + " only (no facets, no highlights). Each run is " + EARSHOT_REPEATS + " passes over the 20 queries for"
                + " Earshot and " + PG_REPEATS + " for PostgreSQL, one client, after warm-up.");
    }

    /** The generated NDJSON of this size and seed, written once and reused by later runs. */
    static Path corpus(BenchContext context, int size) throws IOException {
        Path file = context.workDir().resolve("posts-" + size + "-seed" + context.seed() + ".ndjson");
        if (!Files.exists(Generate.sibling(file, ".expected.json"))) {
            System.out.printf("  generating %,d posts into %s%n", size, file);
            Generate.write(GeneratorSettings.of(size, context.seed()), file);
        }
        return file;
    }

    /** The 20 queries, about {@code brand} where a brand is named (also run by {@code SearchHarness}). */
    public static List<TypicalQuery> queries(Brand brand) {
        return List.of(
                new TypicalQuery("term", "refund", "refund", false),
                new TypicalQuery("term", "delivery", "delivery", true),
                new TypicalQuery("term", brand.name(), brand.name(), false),
                new TypicalQuery("term", "pedido", "pedido", false),
                new TypicalQuery("term", "wifi", "wifi", true),
                new TypicalQuery("AND", "refund AND late", "refund & late", false),
                new TypicalQuery("AND", "phone AND battery", "phone & battery", true),
                new TypicalQuery("AND", "app AND crash AND update", "app & crash & update", false),
                new TypicalQuery("AND NOT", "order AND NOT cancel", "order & !cancel", false),
                new TypicalQuery("OR", "(refund OR replacement) AND broken", "(refund | replacement) & broken", false),
                new TypicalQuery("OR", "outage OR slow", "outage | slow", true),
                new TypicalQuery("phrase", "\"customer service\"", "customer <-> service", false),
                new TypicalQuery("phrase", "\"order number\"", "order <-> number", true),
                new TypicalQuery("phrase", "\"" + brand.name() + " app\"", brand.name() + " <-> app", false),
                new TypicalQuery("hashtag", "#help", "help", false),
                new TypicalQuery("hashtag", "#" + brand.failTag(), brand.failTag(), true),
                new TypicalQuery("mention", "@" + brand.handle(), brand.handle().toLowerCase(), false),
                new TypicalQuery("prefix", "deliv*", "deliv:*", false),
                new TypicalQuery("prefix", "refund*", "refund:*", true),
                new TypicalQuery("prefix", "cancel* AND account", "cancel:* & account", false));
    }

    private static String slowest(Map<TypicalQuery, List<Double>> perQuery, int n) {
        return perQuery.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<TypicalQuery, List<Double>> e) -> new Samples(e.getValue())
                        .median()).reversed())
                .limit(n)
                .map(e -> String.format(Locale.ROOT, "`%s`%s %.1f ms (max %.1f)", e.getKey().earshot(),
                        e.getKey().newest() ? " (newest)" : "", new Samples(e.getValue()).median(),
                        new Samples(e.getValue()).max()))
                .collect(Collectors.joining(", "));
    }

    private static double earshot(App app, TypicalQuery query) throws IOException {
        long started = System.nanoTime();
        app.get("/api/search?q=" + App.encode(query.earshot()) + "&facets=" + FACETS + "&limit=25"
                + (query.newest() ? "&sort=newest" : ""));
        return (System.nanoTime() - started) / 1e6;
    }

    private Samples postgres(BenchContext context, Path corpus, List<TypicalQuery> queries) throws Exception {
        Report report = context.report();
        Postgres.recreate(FTS_DATABASE);
        List<Post> posts = Envelopes.all(corpus);
        try (Connection c = Postgres.connect(FTS_DATABASE)) {
            PostTable.create(c, "post");
            long started = System.nanoTime();
            PostTable.copy(c, "post", posts);
            report.single(NAME, "PostgreSQL: COPY the corpus (one run)", posts.size() / ((System.nanoTime() - started) / 1e9),
                    "rows/s");
            posts = null;
            started = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE INDEX post_fts ON post USING gin (to_tsvector('english', text))");
                s.execute("ANALYZE post");
            }
            report.single(NAME, "PostgreSQL: build the GIN index (one run)", (System.nanoTime() - started) / 1e9, "s");
            for (TypicalQuery query : queries) {
                pg(c, query);
            }
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            Map<TypicalQuery, List<Double>> perQuery = new LinkedHashMap<>();
            for (int run = 0; run < Math.min(3, context.runs()); run++) {
                List<Double> times = new ArrayList<>();
                for (int rep = 0; rep < PG_REPEATS; rep++) {
                    for (TypicalQuery query : queries) {
                        double ms = pg(c, query);
                        times.add(ms);
                        perQuery.computeIfAbsent(query, q -> new ArrayList<>()).add(ms);
                    }
                }
                Samples samples = new Samples(times);
                p50.add(samples.percentile(50));
                p99.add(samples.percentile(99));
            }
            report.add(NAME, "PostgreSQL FTS (GIN, ts_rank or date), same 20 queries: p50", new Samples(p50), "ms");
            Samples samples = new Samples(p99);
            report.add(NAME, "PostgreSQL FTS (GIN, ts_rank or date), same 20 queries: p99", samples, "ms");
            report.note(NAME, "PostgreSQL's slowest queries by median over all runs: " + slowest(perQuery, 5) + ".");
            return samples;
        }
    }

    private static double pg(Connection c, TypicalQuery query) throws Exception {
        String order = query.newest() ? "created_at DESC" : "ts_rank(to_tsvector('english', text), q) DESC";
        String sql = "SELECT id, text, created_at FROM post, to_tsquery('english', ?) q"
                + " WHERE to_tsvector('english', text) @@ q ORDER BY " + order + " LIMIT 25";
        long started = System.nanoTime();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, query.tsquery());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rs.getString(2);
                }
            }
        }
        return (System.nanoTime() - started) / 1e6;
    }

    static double directorySize(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
