package io.earshot.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.earshot.bench.AgentSession.Kind;
import io.earshot.bench.AgentSession.Targets;
import io.earshot.bench.generate.ListeningRule;
import io.earshot.bench.generate.RuleSets;

/**
 * Issue 4's measurement: the queue and the conversation pages with 20 agents working at once on a
 * database of about 100,000 conversations (PostgreSQL). Each agent logs in through the form, keeps
 * its cookies, and loops over the default queue, a later page of "all", a random conversation and
 * its composer, as fast as the pages come back. Latency is taken at the client, over loopback.
 */
final class PagesSection implements Section {

    private static final String NAME = "pages";
    static final String DATABASE = "bench_pages";
    private static final double TARGET_MS = 50;

    /** One timed request: which kind, when it started (nanos), how long it took (ms) and its size. */
    private record Sample(Kind kind, long startedAt, double millis, int bytes) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        // 200,000 generated posts thread into about 101,000 conversations (most 1-3 posts).
        int size = context.options().integer("pages-posts", context.options().integer("posts", 200_000));
        int agents = context.options().integer("agents", 20);
        int warmupSeconds = context.options().integer("warmup", 10);
        int windowSeconds = context.options().integer("window", 20);
        int thinkMillis = context.options().integer("think-ms", 1000);
        boolean jfr = context.options().flag("jfr");
        Path corpus = SearchSection.corpus(context, size);
        Report report = context.report();
        Path recording = context.workDir().resolve("pages.jfr");
        Files.deleteIfExists(recording);

        Postgres.recreate(DATABASE);
        Path data = context.workDir().resolve("data-pages");
        App.run(List.of("rm", "-rf", data.toString()), null);
        try (App app = App.start(context, "app-pages", DATABASE, data, Map.of(), List.of())) {
            app.rule("everything (benchmark corpus)", "*:*");
            for (ListeningRule rule : context.generator(10).rules().named(RuleSets.PRODUCT)) {
                app.rule(rule.name(), rule.query());
            }
            long started = System.nanoTime();
            long accepted = app.post("/api/import?format=ndjson", "application/x-ndjson",
                    HttpRequest.BodyPublishers.ofFile(corpus)).get("accepted").asLong();
            System.out.printf("  imported %,d posts in %.0f s%n", accepted, (System.nanoTime() - started) / 1e9);
            Targets targets = Targets.read(DATABASE, context.seed(), 200);
            describeDatabase(report, targets, accepted);

            List<AgentSession> sessions = AgentSession.createAndLogIn(app, agents);
            // Agents as people work: a pause between pages, the target.
            reportWindows(report, String.format(Locale.ROOT, "%d agents, think time %,d ms: ", agents, thinkMillis),
                    load(app, sessions, targets, context, warmupSeconds, windowSeconds, thinkMillis, null),
                    windowSeconds, true, true);
            // The same agents never pausing: what the machine can serve, and where its CPU goes.
            reportWindows(report, agents + " agents, no pause: ", load(app, sessions, targets, context, warmupSeconds,
                    windowSeconds, 0, jfr ? recording : null), windowSeconds, false, true);
            // One agent alone: the pages' own time, without 19 others queued ahead of it.
            reportWindows(report, "1 agent alone: ", load(app, sessions.subList(0, 1), targets, context, 0,
                    windowSeconds, 0, null), windowSeconds, false, false);
        }
        report.note(NAME, String.format(Locale.ROOT, "%d agents, each logged in through the form (its own"
                + " java.net.http.HttpClient and cookies), each looping queue → later queue page → random conversation →"
                + " its composer. First with a think time after every page (exponentially distributed, mean %,d ms:"
                + " busier than a person reading a thread), the issue's target; then the same agents with no pause"
                + " (the machine's capacity, no target: 20 clients that never wait keep 20 requests queued on 2 cores);"
                + " then one agent alone with no pause (the pages' own time). Each: %d s of warm-up discarded, then %d"
                + " windows of %d s; the figures are the median of the windows' percentiles, with min and max. Latency"
                + " is measured at the client over loopback, so it includes the client's share of the 2 cores (the load"
                + " generator, PostgreSQL and the app share the machine).",
                agents, thinkMillis, warmupSeconds, context.runs(), windowSeconds));
        if (jfr) {
            report.note(NAME, "flight recording of the app during the measured windows " + recording + "; "
                    + Profile.summary(recording, 12));
        }
    }

    private static void describeDatabase(Report report, Targets targets, long posts) throws Exception {
        try (Connection c = Postgres.connect(DATABASE); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select (select count(*) from message),"
                        + " (select count(*) from conversation_rule), pg_database_size(current_database())")) {
            rs.next();
            report.note(NAME, String.format(Locale.ROOT, "database: %,d conversations, %,d messages (%,d posts imported,"
                    + " every post matches `*:*` and the %d product rules add rule chips; %,d conversation-rule rows),"
                    + " PostgreSQL database size %,.0f MiB, plus the Lucene index.", targets.conversations().length,
                    rs.getLong(1), posts, RuleSets.SIZES.get(RuleSets.PRODUCT), rs.getLong(2),
                    rs.getLong(3) / 1024.0 / 1024.0));
        }
    }

    /**
     * Runs every agent for the warm-up and the measured windows; returns each window's samples.
     *
     * @param recording where to write a flight recording of the windows, or null for none
     */
    private static List<List<Sample>> load(App app, List<AgentSession> sessions, Targets targets, BenchContext context,
            int warmupSeconds, int windowSeconds, int thinkMillis, Path recording) throws Exception {
        int windows = context.runs();
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmupSeconds).toNanos();
        long end = measureFrom + Duration.ofSeconds((long) windowSeconds * windows).toNanos();
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
        List<Future<List<Sample>>> agents = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            AgentSession session = sessions.get(i);
            SplittableRandom random = new SplittableRandom(context.seed() * 31 + i);
            agents.add(pool.submit(() -> agent(session, targets, random, measureFrom, end, thinkMillis, failures)));
        }
        if (recording != null) {
            Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            jcmd(app, "JFR.start", "name=pages", "settings=profile", "filename=" + recording);
        }
        List<Sample> all = new ArrayList<>();
        for (Future<List<Sample>> agent : agents) {
            all.addAll(agent.get());
        }
        pool.shutdown();
        if (recording != null) {
            jcmd(app, "JFR.stop", "name=pages");
        }
        if (failures.get() > 0) {
            context.report().note(NAME, failures.get() + " requests answered with a status other than 200 (left out).");
        }
        List<List<Sample>> byWindow = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            byWindow.add(new ArrayList<>());
        }
        long windowNanos = Duration.ofSeconds(windowSeconds).toNanos();
        for (Sample sample : all) {
            byWindow.get((int) Math.min(windows - 1, (sample.startedAt() - measureFrom) / windowNanos)).add(sample);
        }
        return byWindow;
    }

    /**
     * One agent's loop; keeps the samples that started after the warm-up and finished before the end.
     *
     * @param thinkMillis mean of the exponentially distributed pause after each page, 0 for none
     */
    private static List<Sample> agent(AgentSession session, Targets targets, SplittableRandom random,
            long measureFrom, long end, int thinkMillis, AtomicLong failures)
            throws IOException, InterruptedException {
        List<Sample> samples = new ArrayList<>();
        while (System.nanoTime() < end) {
            session.round(targets, random, thinkMillis, (kind, path, started, finished, answer) -> {
                if (answer.statusCode() != 200) {
                    if (failures.incrementAndGet() == 1) {
                        System.out.println("  " + path + " answered " + answer.statusCode() + ": "
                                + new String(answer.body(), StandardCharsets.UTF_8).lines().limit(3).toList());
                    }
                } else if (started >= measureFrom && finished <= end) {
                    samples.add(new Sample(kind, started, (finished - started) / 1e6, answer.body().length));
                }
            });
        }
        return samples;
    }

    /**
     * Adds p50, p95, p99 and throughput per kind, each the median of the windows with min and max.
     *
     * @param target whether the p95 rows carry issue 4's target
     * @param full whether to add p99, throughput per kind and the answers' sizes
     */
    private static void reportWindows(Report report, String who, List<List<Sample>> windows, int windowSeconds,
            boolean target, boolean full) {
        Map<Kind, List<Double>> p50 = new EnumMap<>(Kind.class);
        Map<Kind, List<Double>> p95 = new EnumMap<>(Kind.class);
        Map<Kind, List<Double>> p99 = new EnumMap<>(Kind.class);
        Map<Kind, List<Double>> rate = new EnumMap<>(Kind.class);
        List<Double> total = new ArrayList<>();
        Map<Kind, Double> bytes = new EnumMap<>(Kind.class);
        windows.get(0).stream().collect(Collectors.groupingBy(Sample::kind,
                Collectors.averagingInt(Sample::bytes))).forEach(bytes::put);
        for (List<Sample> window : windows) {
            total.add((double) window.size() / windowSeconds);
            for (Kind kind : Kind.values()) {
                List<Double> millis = window.stream().filter(s -> s.kind() == kind).map(Sample::millis).toList();
                if (millis.isEmpty()) {
                    continue;
                }
                Samples samples = new Samples(millis);
                p50.computeIfAbsent(kind, k -> new ArrayList<>()).add(samples.percentile(50));
                p95.computeIfAbsent(kind, k -> new ArrayList<>()).add(samples.percentile(95));
                p99.computeIfAbsent(kind, k -> new ArrayList<>()).add(samples.percentile(99));
                rate.computeIfAbsent(kind, k -> new ArrayList<>()).add((double) millis.size() / windowSeconds);
            }
        }
        for (Kind kind : Kind.values()) {
            if (!p50.containsKey(kind)) {
                continue;
            }
            Samples tail = new Samples(p95.get(kind));
            String measure = who + kind.label;
            report.add(NAME, measure + ": p50", new Samples(p50.get(kind)), "ms");
            if (target) {
                report.add(NAME, measure + ": p95", tail, "ms", "≤ 50", tail.median() <= TARGET_MS);
            } else {
                report.add(NAME, measure + ": p95", tail, "ms");
            }
            if (full) {
                report.add(NAME, measure + ": p99", new Samples(p99.get(kind)), "ms");
                report.add(NAME, measure + ": throughput", new Samples(rate.get(kind)), "req/s");
            }
        }
        report.add(NAME, who + "all four pages together: throughput", new Samples(total), "req/s");
        if (target && full) {
            report.note(NAME, "mean size of the answers (HTML): " + bytes.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %,.0f bytes", e.getKey().label, e.getValue()))
                    .collect(Collectors.joining(", ")) + ".");
        }
    }

    static void jcmd(App app, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(app.pid())));
        line.addAll(List.of(command));
        App.run(line, null);
    }
}
