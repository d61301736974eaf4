package io.earshot.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import com.fasterxml.jackson.databind.JsonNode;

import io.earshot.bench.generate.Brand;
import io.earshot.bench.generate.Expectations;
import io.earshot.bench.generate.GeneratedPost;
import io.earshot.bench.generate.GeneratorSettings;
import io.earshot.bench.generate.ListeningRule;
import io.earshot.bench.generate.PostGenerator;
import io.earshot.bench.generate.RuleSets;
import io.earshot.conversation.Direction;
import io.earshot.conversation.Message;
import io.earshot.post.Post;
import io.earshot.search.PostAnalyzer;
import io.earshot.search.PostDocuments;
import io.earshot.search.PostIndex;
import io.earshot.trends.RollupRows;

/**
 * Issue 5's measurement: trends over HTTP at 1M and 10M stored posts (every post matched by the
 * rule {@code *:*}, plus the product rule set), against PostgreSQL {@code GROUP BY date_trunc} on
 * the same rows. Importing 10M posts over HTTP would take hours on 2 cores, so the state is built
 * directly, with the app's own code: the app creates the schema and the rules, then stops; the
 * generated posts are parsed as the pipeline parses them, written with {@code COPY}, indexed with
 * {@link PostDocuments} under the commit data the app's catch-up reads, and counted into rollup
 * rows with the app's {@code RollupDelta}. The app then starts on that state and a spot check
 * compares its answers with the counts the generator planted.
 */
final class TrendsSection implements Section {

    private static final String NAME = "trends";
    static final String DATABASE = "bench_trends";
    /** {@code earshot.trends.words-per-post}, the app's default, passed to it so the rows counted here match. */
    private static final int WORDS_PER_POST = 16;
    /** {@code earshot.search.ram-buffer-mb}, the app's default. */
    private static final double RAM_BUFFER_MB = 64;
    private static final int CHUNK = 5_000;
    private static final long ID_BASE = Long.parseLong(PostGenerator.id(0));
    /** The 30 days measured: the last 30 whole UTC days of the generated span. */
    private static final Instant TO = GeneratorSettings.DEFAULT_END;
    private static final Instant FROM = TO.minus(Duration.ofDays(30));
    private static final int BUSY_RULES = 5;
    private static final int WARMUP = 20;
    private static final int EARSHOT_REPEATS = 20;
    private static final int PG_REPEATS = 5;
    private static final String MESSAGE_COLUMNS = "id, conversation_id, platform, external_id, in_reply_to, direction,"
            + " author_handle, author_name, author_followers, text, created_at, lang, url, hashtags, mentions, cashtags,"
            + " urls, raw, received_at";

    /** One timed request or statement; each run repeats it {@code repeats} times. */
    private record Probe(String label, Action action, int repeats, double targetMs) {
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** A post as the build stores it: its position, its conversation's root position, the rules it matched. */
    private record Stored(int position, int root, GeneratedPost generated, Post post, Set<Long> ruleIds) {
    }

    /** The app's rule ids: {@code *:*} and each product rule's, by the generator's id. */
    private record AppRules(long everything, Map<Long, Long> byGeneratorId) {
    }

    /** What the build planted: posts, and per generator rule id the posts in the measured 30 days. */
    private record Planted(long postsInWindow, long[] ruleInWindow, Expectations expected) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        for (int size : sizes(context.options())) {
            measure(context, size);
        }
        context.report().note(NAME, "state: the app (on PostgreSQL, `" + DATABASE + "`) creates the schema and the rules"
                + " (`*:*` and the 60 product rules), then stops; the generated posts (seeded) are parsed by the app's"
                + " `EnvelopeParser`, written with `COPY` (messages, rule rows, conversations by their root post),"
                + " indexed with the app's `PostDocuments` on 2 threads under the commit data its catch-up reads"
                + " (`earshot.lastMessageId`), and counted into `trend_minute/hour/day/week` by the app's `RollupDelta`,"
                + " one UTC week at a time; then `VACUUM ANALYZE`. The app restarts on it and finds nothing to catch up."
                + " Measured over HTTP (Basic auth, one client) from " + FROM + " to " + TO + " (30 UTC days): " + WARMUP
                + " warm-up passes, then " + context.runs() + " runs of " + EARSHOT_REPEATS + " passes; PostgreSQL "
                + PG_REPEATS + " passes a run (2 for top hashtags) in at most 3 runs. p50 and p95 are per run; the table"
                + " shows their median, min and max. PostgreSQL runs on the app's own tables with indexes added for"
                + " it: `message_rule (rule_id, message_id)`, `message (created_at)`, GIN on"
                + " `to_tsvector('english', text)`.");
    }

    static List<Integer> sizes(Options options) {
        String fallback = options.has("posts") ? options.string("posts", "") : "1000000,10000000";
        return Arrays.stream(options.string("trends-sizes", fallback).split(","))
                .map(s -> Integer.parseInt(s.strip().replace("_", ""))).toList();
    }

    private void measure(BenchContext context, int size) throws Exception {
        Report report = context.report();
        String at = label(size) + " posts: ";
        Path data = context.workDir().resolve("data-trends");
        App.run(List.of("rm", "-rf", data.toString()), null);
        Postgres.recreate(DATABASE);
        Map<String, String> settings = Map.of("earshot.trends.words-per-post", Integer.toString(WORDS_PER_POST),
                "quarkus.log.category.\"io.earshot.trends\".level", "INFO");
        RuleSets rules = context.generator(10).rules();
        List<ListeningRule> product = rules.named(RuleSets.PRODUCT);
        AppRules appRules;
        // The schema comes from the app's Flyway and the rule ids from its API; it stops before the index is written.
        try (App app = App.start(context, "app-trends", DATABASE, data, settings, List.of())) {
            long everything = app.rule("everything (benchmark corpus)", "*:*");
            Map<Long, Long> ids = new HashMap<>();
            for (ListeningRule rule : product) {
                ids.put(rule.id(), app.rule(rule.name(), rule.query()));
            }
            appRules = new AppRules(everything, ids);
        }
        long started = System.nanoTime();
        Planted planted = build(context, size, appRules, data.resolve("index"));
        report.single(NAME, at + "build the state: generate, parse, COPY, index, rollups (one run)",
                (System.nanoTime() - started) / 1e9, "s");
        describe(report, at, size, data);

        Path recording = context.workDir().resolve("trends-" + label(size) + ".jfr");
        Files.deleteIfExists(recording);
        try (App app = App.start(context, "app-trends", DATABASE, data, settings, List.of())) {
            List<ListeningRule> busy = product.stream()
                    .sorted(Comparator.comparingLong((ListeningRule r) -> -planted.ruleInWindow()[(int) r.id()]))
                    .limit(BUSY_RULES).toList();
            String series = busy.stream().map(r -> "rule:" + appRules.byGeneratorId().get(r.id()))
                    .collect(Collectors.joining(","));
            String window = "&from=" + FROM + "&to=" + TO;
            String rulesPath = "/api/trends?series=" + series + "&interval=hour" + window;
            String topPath = "/api/trends/top?field=hashtag&limit=10" + window;
            Brand brand = rules.brands().get(0);
            String brandQuery = brand.name() + " AND (refund OR broken OR late)";
            String wideQuery = "refund OR delivery OR order";
            spotCheck(report, at, app, rulesPath, busy, appRules, planted, window);

            List<Probe> earshot = List.of(
                    new Probe("`/api/trends` 5 busy rules, hourly, 30 days (rollups, `trend_hour`)",
                            () -> app.get(rulesPath), EARSHOT_REPEATS, 20),
                    new Probe("`/api/trends/top?field=hashtag`, 30 days (rollups, `trend_week` and `trend_day`)",
                            () -> app.get(topPath), EARSHOT_REPEATS, 20),
                    new Probe("`/api/trends` `q:" + brandQuery + "`, daily, 30 days (Lucene index)",
                            () -> app.get(queryPath(brandQuery, window)), EARSHOT_REPEATS, 100),
                    new Probe("`/api/trends` `q:" + wideQuery + "`, daily, 30 days (Lucene index)",
                            () -> app.get(queryPath(wideQuery, window)), EARSHOT_REPEATS, 100));
            boolean jfr = context.options().flag("jfr");
            for (Probe probe : earshot) {
                for (int i = 0; i < WARMUP; i++) {
                    probe.action().run();
                }
            }
            if (jfr) {
                PagesSection.jcmd(app, "JFR.start", "name=trends", "settings=profile", "filename=" + recording);
            }
            Map<Probe, Samples> earshot95 = time(report, at + "Earshot ", earshot, context.runs());
            if (jfr) {
                PagesSection.jcmd(app, "JFR.stop", "name=trends");
                report.note(NAME, label(size) + ": flight recording of the app during the measured runs " + recording
                        + "; " + Profile.summary(recording, 12));
            }
            counts(report, at, app, rulesPath, topPath, queryPath(brandQuery, window), queryPath(wideQuery, window));

            Map<Probe, Samples> pg95 = postgres(context, at, busy, appRules, brand, brandQuery, wideQuery);
            List<Probe> pgProbes = new ArrayList<>(pg95.keySet());
            ratio(report, at + "5 rules hourly: PostgreSQL p95 / Earshot p95", pg95.get(pgProbes.get(0)),
                    earshot95.get(earshot.get(0)));
            ratio(report, at + "top hashtags: PostgreSQL p95 / Earshot p95", pg95.get(pgProbes.get(1)),
                    earshot95.get(earshot.get(1)));
            ratio(report, at + "`q:` brand AND complaint: PostgreSQL p95 / Earshot p95", pg95.get(pgProbes.get(2)),
                    earshot95.get(earshot.get(2)));
            ratio(report, at + "`q:` common words: PostgreSQL p95 / Earshot p95", pg95.get(pgProbes.get(3)),
                    earshot95.get(earshot.get(3)));
            if (context.options().flag("trends-rebuild-check")) {
                rebuildCheck(report, at, app);
            }
        }
    }

    private static String queryPath(String query, String window) {
        return "/api/trends?series=" + App.encode("q:" + query) + "&interval=day" + window;
    }

    /**
     * Writes the database rows, the index and the rollups of {@code size} generated posts; answers
     * what was planted. Workers generate, parse and index chunks of posts; this thread writes them
     * to PostgreSQL in position order (creation order), so the rollups can be flushed a UTC day at a time.
     */
    private Planted build(BenchContext context, int size, AppRules rules, Path indexDir) throws Exception {
        GeneratorSettings settings = GeneratorSettings.of(size, context.seed());
        long phase = System.nanoTime();
        PostGenerator generator = new PostGenerator(settings);
        System.out.printf("  shaped %,d posts in %.0f s%n", size, (System.nanoTime() - phase) / 1e9);
        Expectations expected = new Expectations(settings, RuleSets.SIZES);
        long[] ruleInWindow = new long[RuleSets.SIZES.get(RuleSets.PRODUCT) + 1];
        long inWindow = 0;
        // Per conversation, by its root's position: messages, newest post, whether anyone not the brand wrote.
        int[] messages = new int[size];
        long[] lastActivity = new long[size];
        BitSet inbound = new BitSet(size);
        Map<Integer, Set<Long>> productRules = new HashMap<>();
        RollupRows rollups = new RollupRows(WORDS_PER_POST);
        Instant now = Instant.now();
        FacetsConfig facets = new FacetsConfig();
        PostDocuments.FACET_DIMENSIONS.forEach(dim -> facets.setMultiValued(dim, true));
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        phase = System.nanoTime();
        try (FSDirectory directory = FSDirectory.open(indexDir);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(PostAnalyzer.create())
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(RAM_BUFFER_MB));
                Copy message = new Copy("message", MESSAGE_COLUMNS, true);
                Copy messageRule = new Copy("message_rule", "message_id, rule_id", true);
                Copy minute = new Copy("trend_minute", "series, bucket_start, n", false);
                Copy hour = new Copy("trend_hour", "series, bucket_start, n", false);
                Copy day = new Copy("trend_day", "series, bucket_start, n", false);
                Copy week = new Copy("trend_week", "series, bucket_start, n", false);
                Copy termDay = new Copy("trend_term_day", "series, bucket_start, n", false)) {
            Map<String, Copy> tables = Map.of("trend_minute", minute, "trend_hour", hour, "trend_day", day,
                    "trend_week", week, "trend_term_day", termDay);
            RollupRows.Sink sink = (table, series, bucket, n) -> tables.get(table)
                    .row(series, Instant.ofEpochMilli(bucket), n);
            Deque<Future<Stored[]>> pending = new ArrayDeque<>();
            long currentWeek = Long.MIN_VALUE;
            int next = 0;
            while (next < size || !pending.isEmpty()) {
                while (next < size && pending.size() < 2 * threads) {
                    int first = next;
                    int last = Math.min(size, first + CHUNK);
                    pending.add(pool.submit(() -> index(generator, first, last, rules, writer, facets)));
                    next = last;
                }
                Stored[] chunk = pending.poll().get();
                for (Stored s : chunk) {
                    Post post = s.post();
                    long created = post.createdAt().toEpochMilli();
                    if (RollupRows.weekOf(created) != currentWeek) {
                        // Posts come in creation order: every cell of the weeks before is complete.
                        rollups.drain(sink);
                        currentWeek = RollupRows.weekOf(created);
                    }
                    long id = s.position() + 1L;
                    Direction direction = direction(post);
                    message.row(id, s.root() + 1L, post.platform(), post.externalId(), post.inReplyTo(),
                            direction.name(), post.author().handle(), post.author().name(), post.author().followers(),
                            post.text(), post.createdAt(), post.lang(), post.url(), joined(post.entities().hashtags()),
                            joined(post.entities().mentions()), joined(post.entities().cashtags()),
                            joined(post.entities().urls()), post.raw(), now);
                    for (Long rule : s.ruleIds()) {
                        messageRule.row(id, rule);
                        if (rule != rules.everything()) {
                            productRules.computeIfAbsent(s.root(), r -> new TreeSet<>()).add(rule);
                        }
                    }
                    messages[s.root()]++;
                    lastActivity[s.root()] = Math.max(lastActivity[s.root()], created);
                    if (direction == Direction.INBOUND) {
                        inbound.set(s.root());
                    }
                    rollups.add(rollupMessage(post, s.ruleIds()));
                    expected.add(s.generated());
                    if (!post.createdAt().isBefore(FROM) && post.createdAt().isBefore(TO)) {
                        inWindow++;
                        for (long rule : s.generated().ruleIds()) {
                            if (rule < ruleInWindow.length) {
                                ruleInWindow[(int) rule]++;
                            }
                        }
                    }
                }
                int done = chunk[chunk.length - 1].position() + 1;
                if (done % 1_000_000 == 0) {
                    System.out.printf("  %,d posts written (%.0f posts/s)%n", done,
                            done / ((System.nanoTime() - phase) / 1e9));
                }
            }
            rollups.drain(sink);
            writer.setLiveCommitData(Map.of(PostIndex.COMMITTED_MESSAGE_ID, Long.toString(size)).entrySet());
            writer.commit();
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("  messages, index and rollups in %.0f s%n", (System.nanoTime() - phase) / 1e9);
        phase = System.nanoTime();
        try (Copy conversation = new Copy("conversation", "id, status, assignee, priority, message_count,"
                + " root_message_id, created_at, last_activity_at", false);
                Copy conversationRule = new Copy("conversation_rule", "conversation_id, rule_id", true)) {
            for (int root = 0; root < size; root++) {
                if (messages[root] == 0) {
                    continue;
                }
                conversation.row(root + 1L, inbound.get(root) ? "OPEN" : "CLOSED", null, "NORMAL", messages[root],
                        root + 1L, now, Instant.ofEpochMilli(lastActivity[root]));
                conversationRule.row(root + 1L, rules.everything());
                for (Long rule : productRules.getOrDefault(root, Set.of())) {
                    conversationRule.row(root + 1L, rule);
                }
            }
        }
        try (Connection c = Postgres.connect(DATABASE); Statement s = c.createStatement()) {
            // A sequence value v stands for the ids v to v + 49 (SequenceBlock): the next block starts past these.
            s.execute("select setval('message_seq', " + size + "), setval('conversation_seq', " + size + ")");
            s.execute("VACUUM (ANALYZE) message, message_rule, conversation, conversation_rule, trend_minute,"
                    + " trend_hour, trend_day, trend_week, trend_term_day");
        }
        System.out.printf("  conversations and VACUUM ANALYZE in %.0f s%n", (System.nanoTime() - phase) / 1e9);
        expected.write(context.workDir().resolve("trends-" + size + "-seed" + context.seed() + ".expected.json"));
        return new Planted(inWindow, ruleInWindow, expected);
    }

    /** Generates, parses and indexes the posts at positions {@code [first, last)}. */
    private static Stored[] index(PostGenerator generator, int first, int last, AppRules rules, IndexWriter writer,
            FacetsConfig facets) throws IOException {
        Stored[] out = new Stored[last - first];
        for (int i = first; i < last; i++) {
            GeneratedPost generated = generator.post(i);
            Post post = Envelopes.post(generated.json());
            Set<Long> ruleIds = new HashSet<>();
            ruleIds.add(rules.everything());
            for (long id : generated.ruleIds()) {
                Long appId = rules.byGeneratorId().get(id);
                if (appId != null) {
                    ruleIds.add(appId);
                }
            }
            // The root is the conversation's first post; the conversation takes its id, as its message's.
            int root = (int) (Long.parseLong(generated.key()) - ID_BASE);
            writer.addDocument(facets.build(PostDocuments.indexed(i + 1L, root + 1L, direction(post).value(), post,
                    Set.copyOf(ruleIds))));
            out[i - first] = new Stored(i, root, generated, post, ruleIds);
        }
        return out;
    }

    /** As {@code BrandAccounts} decides with no brand handles configured (the benchmark's app has none). */
    private static Direction direction(Post post) {
        return Boolean.TRUE.equals(post.outbound()) ? Direction.OUTBOUND : Direction.INBOUND;
    }

    /** The columns {@code RollupDelta} reads, filled as {@code Message.of} fills them. */
    private static Message rollupMessage(Post post, Set<Long> ruleIds) {
        Message m = new Message();
        m.createdAt = post.createdAt();
        m.ruleIds = ruleIds;
        m.hashtags = joined(post.entities().hashtags());
        m.text = post.text();
        return m;
    }

    /** Space-joined entity values; generated posts hold a few short ones, far below the columns' limits. */
    private static String joined(List<String> values) {
        return values.isEmpty() ? null : String.join(" ", values);
    }

    private static void describe(Report report, String at, int size, Path data) throws Exception {
        try (Connection c = Postgres.connect(DATABASE); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select (select count(*) from conversation), (select count(*) from"
                        + " message_rule), (select count(*) from trend_minute), (select count(*) from trend_hour),"
                        + " (select count(*) from trend_day), (select count(*) from trend_week),"
                        + " (select count(*) from trend_term_day), pg_database_size(current_database())")) {
            rs.next();
            report.note(NAME, String.format(Locale.ROOT, "%s%,d messages in %,d conversations, %,d message-rule rows;"
                    + " rollup rows: %,d minute, %,d hour, %,d day, %,d week, %,d word-day; PostgreSQL database"
                    + " %,.0f MiB; Lucene index %,.0f MiB.",
                    at, size, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                    rs.getLong(6), rs.getLong(7), rs.getLong(8) / 1024.0 / 1024.0, SearchSection.directorySize(data.resolve("index")) / 1024 / 1024));
        }
    }

    /**
     * The app's answers against the generator's planted counts: each busy rule's 30-day total from
     * the rollups and from the index (its query as a {@code q:} series), and {@code *:*}'s total.
     */
    private static void spotCheck(Report report, String at, App app, String rulesPath, List<ListeningRule> busy,
            AppRules rules, Planted planted, String window) throws IOException {
        List<String> details = new ArrayList<>();
        int differing = 0;
        JsonNode fromRollups = app.get(rulesPath).get("series");
        for (int i = 0; i < busy.size(); i++) {
            ListeningRule rule = busy.get(i);
            long expected = planted.ruleInWindow()[(int) rule.id()];
            long rollup = total(fromRollups.get(i));
            long index = total(app.get(queryPath(rule.query(), window)).get("series").get(0));
            differing += (rollup == expected ? 0 : 1) + (index == expected ? 0 : 1);
            details.add(String.format(Locale.ROOT, "`%s` planted %,d, rollups %,d, index %,d", rule.query(), expected,
                    rollup, index));
        }
        long everything = total(app.get("/api/trends?series=rule:" + rules.everything() + "&interval=day" + window)
                .get("series").get(0));
        differing += everything == planted.postsInWindow() ? 0 : 1;
        details.add(String.format(Locale.ROOT, "`*:*` posts %,d, rollups %,d", planted.postsInWindow(), everything));
        report.add(NAME, at + "spot check: 30-day totals that differ from the planted counts (11 series)",
                new Samples(new double[] { differing }), "series", "0", differing == 0);
        report.note(NAME, at + "spot check over the 30 days, `/api/trends` against the generator: "
                + String.join("; ", details) + ".");
    }

    private static long total(JsonNode series) {
        long sum = 0;
        for (JsonNode bucket : series.get("buckets")) {
            sum += bucket.get("count").asLong();
        }
        return sum;
    }

    /** What the measured requests answer, for the notes: totals, and the top hashtags. */
    private static void counts(Report report, String at, App app, String rulesPath, String topPath, String... queries)
            throws IOException {
        List<String> totals = new ArrayList<>();
        for (JsonNode s : app.get(rulesPath).get("series")) {
            totals.add(s.get("key").asText() + " " + String.format(Locale.ROOT, "%,d", total(s)));
        }
        for (String query : queries) {
            JsonNode s = app.get(query).get("series").get(0);
            totals.add("`q:" + s.get("key").asText().substring(2) + "` " + String.format(Locale.ROOT, "%,d", total(s)));
        }
        List<String> top = new ArrayList<>();
        for (JsonNode item : app.get(topPath).get("items")) {
            top.add(String.format(Locale.ROOT, "#%s %,d", item.get("value").asText(), item.get("count").asLong()));
        }
        report.note(NAME, at + "30-day totals answered: " + String.join(", ", totals) + "; top hashtags: "
                + String.join(", ", top) + ".");
    }

    /** The same questions in PostgreSQL, on the app's tables; answers each probe's p95 samples. */
    private Map<Probe, Samples> postgres(BenchContext context, String at, List<ListeningRule> busy, AppRules rules,
            Brand brand, String brandQuery, String wideQuery) throws Exception {
        Report report = context.report();
        try (Connection c = Postgres.connect(DATABASE); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            s.execute("SET maintenance_work_mem = '1GB'");
            long started = System.nanoTime();
            s.execute("CREATE INDEX bench_message_rule_rule ON message_rule (rule_id, message_id)");
            s.execute("CREATE INDEX bench_message_created ON message (created_at)");
            s.execute("CREATE INDEX bench_message_fts ON message USING gin (to_tsvector('english', text))");
            s.execute("ANALYZE message, message_rule");
            report.single(NAME, at + "PostgreSQL: build the baseline's indexes, GIN included (one run)",
                    (System.nanoTime() - started) / 1e9, "s");
            String ids = busy.stream().map(r -> rules.byGeneratorId().get(r.id()).toString())
                    .collect(Collectors.joining(", "));
            String rulesSql = "SELECT mr.rule_id, date_trunc('hour', m.created_at), count(*) FROM message_rule mr"
                    + " JOIN message m ON m.id = mr.message_id WHERE mr.rule_id IN (" + ids + ")"
                    + " AND m.created_at >= ? AND m.created_at < ? GROUP BY 1, 2";
            String topSql = "SELECT tag, count(*) FROM (SELECT DISTINCT m.id, lower(t) AS tag FROM message m,"
                    + " unnest(string_to_array(m.hashtags, ' ')) AS t WHERE m.hashtags IS NOT NULL"
                    + " AND m.created_at >= ? AND m.created_at < ?) x GROUP BY tag ORDER BY 2 DESC, 1 LIMIT 10";
            String querySql = "SELECT date_trunc('day', created_at), count(*) FROM message"
                    + " WHERE to_tsvector('english', text) @@ to_tsquery('english', ?)"
                    + " AND created_at >= ? AND created_at < ? GROUP BY 1";
            String brandTs = brand.name() + " & (refund | broken | late)";
            String wideTs = "refund | delivery | order";
            List<Probe> probes = List.of(
                    new Probe("PostgreSQL `GROUP BY date_trunc('hour')`, same 5 rules (join on `message_rule`)",
                            () -> sql(c, rulesSql), PG_REPEATS, 0),
                    new Probe("PostgreSQL top hashtags (unnest `message.hashtags`, current period only)",
                            () -> sql(c, topSql), 2, 0),
                    new Probe("PostgreSQL `GROUP BY date_trunc('day')`, `" + brandQuery + "` as a tsquery (GIN)",
                            () -> sql(c, querySql, brandTs), PG_REPEATS, 0),
                    new Probe("PostgreSQL `GROUP BY date_trunc('day')`, `" + wideQuery + "` as a tsquery (GIN)",
                            () -> sql(c, querySql, wideTs), PG_REPEATS, 0));
            for (Probe probe : probes) {
                probe.action().run();
            }
            report.note(NAME, String.format(Locale.ROOT, "%sPostgreSQL's 30-day totals: 5 rules %,d, `%s` %,d, `%s` %,d"
                    + " (its English stemming and Earshot's analysis differ slightly).", at, sql(c, rulesSql), brandTs,
                    sql(c, querySql, brandTs), wideTs, sql(c, querySql, wideTs)));
            return time(report, at, probes, Math.min(3, context.runs()));
        }
    }

    /** Runs a statement over the 30 days and reads every row; answers the sum of its last column. */
    private static long sql(Connection c, String sql, String... text) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            for (String t : text) {
                p.setString(i++, t);
            }
            p.setObject(i++, FROM.atOffset(ZoneOffset.UTC));
            p.setObject(i, TO.atOffset(ZoneOffset.UTC));
            long sum = 0;
            try (ResultSet rs = p.executeQuery()) {
                int last = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    sum += rs.getLong(last);
                }
            }
            return sum;
        }
    }

    /**
     * Times the probes, interleaved, in {@code runs} runs; adds each probe's p50 and p95 (median of
     * the runs, min, max) to the report and answers the p95 samples.
     */
    private static Map<Probe, Samples> time(Report report, String at, List<Probe> probes, int runs) throws Exception {
        Map<Probe, List<Double>> p50 = new LinkedHashMap<>();
        Map<Probe, List<Double>> p95 = new LinkedHashMap<>();
        int passes = probes.stream().mapToInt(Probe::repeats).max().orElse(0);
        for (int run = 0; run < runs; run++) {
            Map<Probe, List<Double>> times = new HashMap<>();
            for (int pass = 0; pass < passes; pass++) {
                for (Probe probe : probes) {
                    if (pass < probe.repeats()) {
                        long started = System.nanoTime();
                        probe.action().run();
                        times.computeIfAbsent(probe, p -> new ArrayList<>()).add((System.nanoTime() - started) / 1e6);
                    }
                }
            }
            for (Probe probe : probes) {
                Samples samples = new Samples(times.get(probe));
                p50.computeIfAbsent(probe, p -> new ArrayList<>()).add(samples.percentile(50));
                p95.computeIfAbsent(probe, p -> new ArrayList<>()).add(samples.percentile(95));
            }
        }
        Map<Probe, Samples> tails = new LinkedHashMap<>();
        for (Probe probe : probes) {
            Samples tail = new Samples(p95.get(probe));
            tails.put(probe, tail);
            report.add(NAME, at + probe.label() + ": p50", new Samples(p50.get(probe)), "ms");
            if (probe.targetMs() > 0) {
                report.add(NAME, at + probe.label() + ": p95", tail, "ms", "≤ " + Report.number(probe.targetMs()),
                        tail.median() <= probe.targetMs());
            } else {
                report.add(NAME, at + probe.label() + ": p95", tail, "ms");
            }
        }
        return tails;
    }

    private static void ratio(Report report, String measure, Samples postgres, Samples earshot) {
        report.single(NAME, measure, postgres.median() / earshot.median(), "x");
    }

    /**
     * Validation at small sizes ({@code --trends-rebuild-check}): the app's own reindex rebuilds the
     * index and the rollups from the database; the rollup tables must come out identical.
     */
    private static void rebuildCheck(Report report, String at, App app) throws Exception {
        List<String> before = rollupDigests();
        long started = System.nanoTime();
        app.post("/api/admin/reindex", "application/json", HttpRequest.BodyPublishers.noBody());
        report.single(NAME, at + "the app's own rebuild, `POST /api/admin/reindex` (index + rollups; one run)",
                (System.nanoTime() - started) / 1e9, "s");
        List<String> after = rollupDigests();
        int differing = 0;
        for (int i = 0; i < before.size(); i++) {
            differing += before.get(i).equals(after.get(i)) ? 0 : 1;
        }
        report.add(NAME, at + "rollup tables that differ from the app's own rebuild", new Samples(new double[] {
            differing }), "tables", "0", differing == 0);
        String rebuilt = Files.readAllLines(app.log()).stream().filter(l -> l.contains("Trend rollups rebuilt"))
                .reduce((a, b) -> b).orElse("(no log line)");
        report.note(NAME, at + "rollup digests (rows, sum, md5) before " + before + ", after " + after + "; app log: "
                + rebuilt.replaceAll(".*(Trend rollups rebuilt)", "$1"));
    }

    private static List<String> rollupDigests() throws SQLException {
        List<String> digests = new ArrayList<>();
        try (Connection c = Postgres.connect(DATABASE); Statement s = c.createStatement()) {
            for (String table : List.of("trend_minute", "trend_hour", "trend_day", "trend_week", "trend_term_day")) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(n), 0), md5(coalesce(string_agg(series"
                        + " || '|' || extract(epoch FROM bucket_start)::bigint || '|' || n, ',' ORDER BY series,"
                        + " bucket_start), '')) FROM " + table)) {
                    rs.next();
                    digests.add(table + " " + rs.getLong(1) + " " + rs.getLong(2) + " "
                            + rs.getString(3).substring(0, 8));
                }
            }
        }
        return digests;
    }

    static String label(int size) {
        if (size >= 1_000_000 && size % 1_000_000 == 0) {
            return size / 1_000_000 + "M";
        }
        return size >= 1_000 && size % 1_000 == 0 ? size / 1_000 + "k" : Integer.toString(size);
    }

    /** One {@code COPY ... FROM STDIN} on a connection of its own, sent in 1 MiB pieces, committed when closed. */
    private static final class Copy implements AutoCloseable {
        private final Connection connection;
        private final CopyIn copy;
        private final StringBuilder rows = new StringBuilder(1 << 20);

        Copy(String table, String columns, boolean beforeParents) throws SQLException {
            connection = Postgres.connect(DATABASE);
            connection.setAutoCommit(false);
            if (beforeParents) {
                // Conversations are written last, once counted: replica mode skips the foreign-key triggers.
                try (Statement s = connection.createStatement()) {
                    s.execute("SET session_replication_role = replica");
                }
            }
            copy = new CopyManager(connection.unwrap(BaseConnection.class))
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
        }

        void row(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    rows.append('\t');
                }
                if (values[i] == null) {
                    rows.append("\\N");
                } else {
                    PostTable.escape(rows, values[i].toString());
                }
            }
            rows.append('\n');
            if (rows.length() > 1 << 20) {
                PostTable.write(copy, rows);
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                PostTable.write(copy, rows);
                copy.endCopy();
                connection.commit();
            } finally {
                connection.close();
            }
        }
    }
}
