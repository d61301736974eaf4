package io.earshot.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.earshot.bench.AgentSession.Kind;
import io.earshot.bench.AgentSession.Targets;
import io.earshot.bench.generate.Brand;
import io.earshot.bench.generate.GeneratedPost;
import io.earshot.bench.generate.ListeningRule;
import io.earshot.bench.generate.PostGenerator;
import io.earshot.bench.generate.RuleSets;
import io.earshot.testing.FreshnessHistogram;
import io.earshot.testing.KafkaBroker;
import io.earshot.testing.PrometheusText;

/**
 * Issue 7's soak: steady Kafka ingest at half the measured maximum, every post stored, while 20
 * agents browse with a think time and reply now and then, and a probe post every few seconds is
 * timed until it is searchable. Every minute it records what went in, what the agents got back, the
 * window's freshness (and, for slow probes, how much of it was Kafka's), where the app's time went
 * and its heap after a full GC and RSS; the rows say whether any request
 * failed, whether freshness stayed within target in every window and whether the heap grew.
 * Only run when named ({@code run soak}): {@code run all} leaves it out, it takes half an hour.
 */
final class SoakSection implements Section {

    static final String NAME = "soak";
    private static final String DATABASE = "bench_soak";
    private static final String TOPIC = "earshot.posts";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The ingest section's row this soak takes half of, when it ran in the same invocation. */
    private static final String INGEST_MAXIMUM = "Kafka → stored + indexed, every post matches";
    /** Half of that row's median in the results table (5,216 posts/s, 2026-11-27T21:10Z, quiet machine). */
    private static final int DEFAULT_RATE = 2_600;
    /** Posts ingested at full speed before the soak, so the agents' inbox is not empty at the start. */
    private static final int FILL_POSTS = 50_000;
    /**
     * The warm-up lasts at least this long and then until the app has caught up (a lag under a second
     * of posts), at most {@link #WARMUP_MAX}: a fresh JVM that has just taken the fill at full speed
     * starts behind the stream, and the windows measure the steady state, not that start.
     */
    private static final Duration WARMUP = Duration.ofSeconds(30);
    private static final Duration WARMUP_MAX = Duration.ofMinutes(5);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration PROBE_EVERY = Duration.ofSeconds(3);
    private static final Duration PROBE_GIVE_UP = Duration.ofSeconds(60);
    /** An agent replies after one round in this many (a round is four pages). */
    private static final int REPLY_EVERY = 5;
    /** Cursors to later queue pages, read again every window as the queue grows. */
    private static final int CURSORS = 20;
    private static final double FRESHNESS_TARGET_MS = 500;
    /** The heap counts as flat when its fitted line moves less than this in 10 minutes (60 MiB an hour). */
    private static final double FLAT_MIB_PER_10_MIN = 10;
    private static final Pattern IN_REPLY_TO = Pattern.compile("<option value=\"([^\"]*)\" selected>");
    private static final Pattern OPENED_AT = Pattern.compile("name=\"openedAt\" value=\"([^\"]*)\"");
    private static final String SENT = "Reply stored and queued for delivery.";
    private static final String PROBE_PREFIX = "soak-probe-";
    private static final String RECEIVED = "earshot_posts_received_total";
    private static final String KAFKA = "source=\"kafka\"";

    /** What is counted per window, by the time the event started. */
    private enum Count {
        PRODUCED, PRODUCE_ERRORS, REQUESTS, FAILED, REPLIES, REPLIES_REFUSED, PROBE_ERRORS
    }

    /**
     * What the main thread read at a window's end: the app's counters (posts, seconds in the store and
     * index stages), CPU seconds of the app and PostgreSQL, heap after a full GC, RSS, load.
     */
    private record Boundary(double sent, double received, double stored, double storeSeconds, double indexSeconds,
            FreshnessHistogram fresh, CpuTime cpu, double heapMiB, double rssMiB, double load) {
    }

    /**
     * One window's figures, as the note and the CSV list them: {@code fresh*} from the probes, {@code posts*}
     * from the app's histogram of every stored post ({@code postsWithin}: the share within the target).
     */
    private record Window(int minute, Instant end, double produced, double stored, double lag, long requests,
            long failed, long replies, long refused, long probeErrors, int probes, double freshP50, double freshP99,
            double freshMax, double postsTimed, double postsP50, double postsP99, double postsWithin,
            double slowestUntilDelivered, double slowestUntilStoring, double storeSeconds,
            double indexSeconds, double appCpu, double postgresCpu, double heapMiB, double rssMiB, double load) {
    }

    /**
     * One probe, in ms from its send: until a search found it, until the bench's own consumer received
     * it, until the app began storing its batch (the message's {@code received_at}); NaN where not
     * known. The two splits place a slow probe's time in Kafka (producer, broker, fetch), in the app
     * before storing (polling, screening, waiting for the store) or in storing, indexing and refreshing.
     */
    private record Probe(int window, long sentNanos, Instant sentAt, double foundMs, double untilDeliveredMs,
            double untilStoringMs) {

        static final String CSV_HEADER = "window,sent_utc,found_ms,until_delivered_ms,until_storing_ms";

        String csvLine() {
            return String.format(Locale.ROOT, "%d,%s,%.1f,%.1f,%.1f", window, sentAt, foundMs, untilDeliveredMs,
                    untilStoringMs);
        }

        boolean waitedAcross(ForcedGc gc) {
            return gc.endNanos() > sentNanos && gc.startNanos() < sentNanos + (long) (foundMs * 1e6);
        }
    }

    /** A forced full GC at a window's end: every probe sent before its end and found after its start waited for it. */
    private record ForcedGc(long startNanos, long endNanos) {
    }

    private final AtomicLong sent = new AtomicLong();
    private final Queue<Probe> freshness = new ConcurrentLinkedQueue<>();
    /** When the bench's own consumer received each probe post, by key (nanoTime). */
    private final Map<String, Long> delivered = new ConcurrentHashMap<>();
    private final Queue<ForcedGc> forcedGcs = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private final AtomicLong analyses = new AtomicLong();
    private final AtomicLong analyzeNanos = new AtomicLong();
    private volatile Targets targets;
    private AtomicLongArray counts;
    /** When the first window starts: not known until the warm-up ends, so every event before is warm-up. */
    private volatile long windowsFrom = Long.MAX_VALUE;
    private volatile long warmupNanos;
    private int minutes;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        Options options = context.options();
        minutes = options.integer("soak-minutes", 30);
        if (minutes < 2) {
            throw new IllegalArgumentException("--soak-minutes must be 2 or more: the heap trend needs two windows");
        }
        String rateFrom = options.has("soak-rate") ? "--soak-rate" : rateSource(context);
        int rate = options.integer("soak-rate", defaultRate(context));
        int agents = options.integer("agents", 20);
        int thinkMillis = options.integer("think-ms", 1000);
        long soakPosts = (long) rate * (WARMUP_MAX.toSeconds() + minutes * WINDOW.toSeconds());
        // Sized so that no position comes round again: a repeated id would be a duplicate, not stored.
        int size = (int) Math.min(Integer.MAX_VALUE, (FILL_POSTS + soakPosts * 11 / 10) / 100_000 * 100_000 + 100_000);
        System.out.printf(Locale.ROOT, "  %d min at %,d posts/s (%s), %d agents, think time %,d ms; generating %,d posts%n",
                minutes, rate, rateFrom, agents, thinkMillis, size);
        PostGenerator generator = context.generator(size);
        counts = new AtomicLongArray((minutes + 2) * Count.values().length);

        boolean jfr = options.flag("jfr");
        Path recording = context.workDir().resolve("soak.jfr");
        Postgres.recreate(DATABASE);
        Path data = context.workDir().resolve("data-soak");
        App.run(List.of("rm", "-rf", data.toString()), null);
        List<Window> windows;
        try (KafkaBroker broker = context.newBroker()) {
            broker.start();
            broker.createTopic(TOPIC, 3);
            try (App app = App.start(context, "app-soak", DATABASE, data,
                    Map.of("earshot.kafka.bootstrap-servers", broker.bootstrapServers()), jfr ? List.of(
                            "-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true")
                            : List.of());
                    KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
                // Every post stored: the soak is about what accumulates (rows, index segments, caches), and a
                // realistic mix stores 2-3% of the stream. The product rules add rule chips, as on the pages.
                app.rule("everything (benchmark)", "*:*");
                for (ListeningRule rule : generator.rules().named(RuleSets.PRODUCT)) {
                    app.rule(rule.name(), rule.query());
                }
                fill(app, producer, generator);
                List<AgentSession> sessions = AgentSession.createAndLogIn(app, agents);
                targets = Targets.read(DATABASE, context.seed(), CURSORS);
                try (KafkaConsumer<String, byte[]> witness = witness(broker.bootstrapServers())) {
                    windows = soak(context, app, producer, witness, generator, sessions, rate, thinkMillis);
                }
                describeDatabase(context.report());
            }
        }
        report(context, windows, rate, rateFrom, agents, thinkMillis);
        if (jfr) {
            context.report().note(NAME, "flight recording " + recording + " (fill and soak); "
                    + Profile.summary(recording, 12));
        }
    }

    private static int defaultRate(BenchContext context) {
        return context.report().rows().stream()
                .filter(row -> row.section().equals("ingest") && row.measure().startsWith(INGEST_MAXIMUM))
                .findFirst().map(row -> (int) Math.max(1, Math.round(row.median() / 2))).orElse(DEFAULT_RATE);
    }

    private static String rateSource(BenchContext context) {
        return defaultRate(context) == DEFAULT_RATE ? "default: half of the last table's ingest maximum"
                : "half of this run's ingest maximum";
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<String, byte[]> record(GeneratedPost post) {
        return new ProducerRecord<>(TOPIC, post.key(), post.json().getBytes(StandardCharsets.UTF_8));
    }

    /** The first {@value #FILL_POSTS} posts as fast as they go, until the app has taken them all in. */
    private void fill(App app, KafkaProducer<String, byte[]> producer, PostGenerator generator) throws Exception {
        long started = System.nanoTime();
        for (int i = 0; i < FILL_POSTS; i++) {
            producer.send(record(generator.post(i)));
        }
        producer.flush();
        sent.addAndGet(FILL_POSTS);
        awaitReceived(app, FILL_POSTS, Duration.ofMinutes(15));
        System.out.printf(Locale.ROOT, "  filled: %,d posts stored and indexed in %.0f s%n", FILL_POSTS,
                (System.nanoTime() - started) / 1e9);
    }

    /** Waits until the app's Kafka counter reaches {@code count}; false if it did not in time. */
    private static boolean awaitReceived(App app, double count, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (received(app) < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(500);
        }
        return true;
    }

    private static double received(App app) throws IOException {
        return app.metric(RECEIVED, KAFKA);
    }

    /** The soak itself: producer, probes and agents running while the main thread closes each window. */
    private List<Window> soak(BenchContext context, App app, KafkaProducer<String, byte[]> producer,
            KafkaConsumer<String, byte[]> witness, PostGenerator generator, List<AgentSession> sessions, int rate,
            int thinkMillis) throws Exception {
        long start = System.nanoTime();
        // The threads below start now; until windowsFrom is set, all they count is warm-up.
        List<Thread> threads = new ArrayList<>();
        threads.add(thread("soak-producer", () -> produce(producer, generator, rate, start)));
        Brand brand = generator.rules().brands().get(0);
        threads.add(thread("soak-probe", () -> probe(app, producer, brand)));
        boolean autovacuum = autovacuumOn();
        if (!autovacuum) {
            threads.add(thread("soak-analyze", this::analyzeEachMinute));
        }
        threads.add(thread("soak-witness", () -> witnessProbes(witness)));
        for (int i = 0; i < sessions.size(); i++) {
            AgentSession session = sessions.get(i);
            SplittableRandom random = new SplittableRandom(context.seed() * 31 + i);
            threads.add(thread("soak-agent-" + (i + 1), () -> agent(session, random, thinkMillis)));
        }
        windowsFrom = warmUp(app, rate, start);
        warmupNanos = windowsFrom - start;
        System.out.printf(Locale.ROOT, "  warm-up: %.0f s, lag %,.0f posts at its end%n", warmupNanos / 1e9,
                sent.get() - received(app));
        List<Boundary> boundaries = new ArrayList<>();
        List<Instant> ends = new ArrayList<>();
        for (int w = 0; w <= minutes; w++) {
            long due = windowsFrom + w * WINDOW.toNanos();
            Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
            ends.add(Instant.now());
            boundaries.add(boundary(app));
            if (w > 0) {
                Boundary a = boundaries.get(w - 1);
                Boundary b = boundaries.get(w);
                FreshnessHistogram posts = b.fresh().since(a.fresh());
                System.out.printf(Locale.ROOT, "  minute %2d: stored %,6.0f, lag %,6.0f, requests %,5d (failed %d),"
                        + " replies %d, probes %d, posts' freshness p99 %.0f ms (%.2f%% within %.0f ms),"
                        + " heap after GC %.0f MiB, RSS %.0f MiB, load %.1f%n", w,
                        b.stored() - a.stored(), b.sent() - b.received(), count(Count.REQUESTS, w),
                        count(Count.FAILED, w), count(Count.REPLIES, w), freshness(w).size(), posts.percentile(99),
                        100 * posts.shareWithin(FRESHNESS_TARGET_MS), FRESHNESS_TARGET_MS, b.heapMiB(), b.rssMiB(),
                        b.load());
            }
            if (w < minutes) {
                // New conversations arrive all the time; the agents open them too.
                targets = Targets.read(DATABASE, context.seed() + w, CURSORS);
            }
        }
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
        Boundary last = boundaries.get(minutes);
        long drainStart = System.nanoTime();
        boolean drained = awaitReceived(app, sent.get(), Duration.ofMinutes(5));
        context.report().note(NAME, autovacuum ? "autovacuum is on in this PostgreSQL: no `ANALYZE` stand-in ran."
                : String.format(Locale.ROOT, "`ANALYZE` of `%s` once a minute (standing in for autovacuum, off in this"
                        + " PostgreSQL): %d runs, %.1f s each on average.", DATABASE, analyses.get(),
                        analyses.get() == 0 ? 0 : analyzeNanos.get() / 1e9 / analyses.get()));
        context.report().note(NAME, String.format(Locale.ROOT, "after the last window, the %,.0f posts in flight were"
                + " %s in %.0f s once the load stopped.", last.sent() - last.received(),
                drained ? "all stored and indexed" : "NOT all stored and indexed", (System.nanoTime() - drainStart) / 1e9));
        List<Window> windows = new ArrayList<>();
        for (int w = 1; w <= minutes; w++) {
            windows.add(window(w, ends.get(w), boundaries.get(w - 1), boundaries.get(w)));
        }
        return windows;
    }

    /** Waits out the warm-up: at least {@link #WARMUP}, then until the lag is under a second of posts. */
    private long warmUp(App app, int rate, long start) throws Exception {
        Thread.sleep(WARMUP.toMillis());
        while (System.nanoTime() - start < WARMUP_MAX.toNanos() && sent.get() - received(app) > rate) {
            Thread.sleep(1_000);
        }
        return System.nanoTime();
    }

    private static boolean autovacuumOn() throws SQLException {
        try (Connection c = Postgres.connect(DATABASE); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_setting('autovacuum')")) {
            rs.next();
            return rs.getString(1).equals("on");
        }
    }

    /**
     * Refreshes the planner's statistics of the soak's database once a minute, as autovacuum's
     * analyse does in production: this machine's PostgreSQL runs with {@code autovacuum = off}
     * (its CI settings), and without statistics the planner read all of {@code conversation_rule}
     * (2 million rows, 580 ms) for every batch of conversations the app loaded, where an index
     * lookup takes 20 ms, so a soak fell behind as the tables grew. The first runs at once: autovacuum
     * would analyse the tables the fill has just loaded, and without it the first window ran on a
     * planner that had never seen them. Not run where autovacuum is on.
     */
    private void analyzeEachMinute() {
        long next = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(Math.max(1, Math.min(1_000, (next - System.nanoTime()) / 1_000_000)));
                if (System.nanoTime() < next) {
                    continue;
                }
                next += WINDOW.toNanos();
                long started = System.nanoTime();
                try (Connection c = Postgres.connect(DATABASE); Statement s = c.createStatement()) {
                    s.execute("ANALYZE");
                }
                analyses.incrementAndGet();
                analyzeNanos.addAndGet(System.nanoTime() - started);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                System.out.println("  ANALYZE failed: " + e.getMessage());
            }
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Reads the app's counters and RSS, then forces a full GC ({@code jcmd GC.run}) and reads the heap
     * left. RSS comes first: after a full GC G1 gives committed heap back, so RSS would drop with it.
     */
    private Boundary boundary(App app) throws Exception {
        double sentSoFar = sent.get();
        // One read of the metrics: the window's counters all from the same moment.
        String metrics = app.metrics();
        double received = PrometheusText.sum(metrics, RECEIVED, KAFKA);
        double stored = PrometheusText.sum(metrics, "earshot_posts_stored_total", KAFKA);
        double storeSeconds = PrometheusText.sum(metrics, "earshot_ingest_stage_seconds_sum", "stage=\"store\"");
        double indexSeconds = PrometheusText.sum(metrics, "earshot_ingest_stage_seconds_sum", "stage=\"index\"");
        FreshnessHistogram fresh = FreshnessHistogram.parse(metrics);
        CpuTime cpu = CpuTime.now(app.pid());
        double rss = app.rssMiB();
        long gcStart = System.nanoTime();
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(app.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (gc.waitFor() != 0) {
            throw new IOException("jcmd GC.run exited with " + gc.exitValue());
        }
        forcedGcs.add(new ForcedGc(gcStart, System.nanoTime()));
        return new Boundary(sentSoFar, received, stored, storeSeconds, indexSeconds, fresh, cpu, app.heapMiB(), rss,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Slot 0 is the warm-up, 1..minutes the windows, minutes + 1 after the last one. */
    private int slot(long nanos) {
        return nanos < windowsFrom ? 0 : (int) Math.min(minutes + 1, 1 + (nanos - windowsFrom) / WINDOW.toNanos());
    }

    private void add(Count count, long startedNanos) {
        counts.incrementAndGet(slot(startedNanos) * Count.values().length + count.ordinal());
    }

    private long count(Count count, int slot) {
        return counts.get(slot * Count.values().length + count.ordinal());
    }

    private List<Double> freshness(int slot) {
        return freshness.stream().filter(f -> f.window() == slot).map(Probe::foundMs).toList();
    }

    /** Sends the posts after the fill at {@code rate} a second, on a fixed schedule (no catching up in bursts). */
    private void produce(KafkaProducer<String, byte[]> producer, PostGenerator generator, int rate, long start) {
        for (long i = 0; running; i++) {
            long now = System.nanoTime();
            producer.send(record(generator.post((int) ((FILL_POSTS + i) % generator.size()))), (meta, e) -> {
                if (e != null) {
                    add(Count.PRODUCE_ERRORS, now);
                }
            });
            sent.incrementAndGet();
            add(Count.PRODUCED, now);
            long wait = start + (long) ((i + 1) * 1e9 / rate) - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** A post with a unique word every few seconds, timed from {@code send} until a search finds it. */
    private void probe(App app, KafkaProducer<String, byte[]> producer, Brand brand) {
        SplittableRandom random = new SplittableRandom();
        long first = System.nanoTime();
        try (Connection db = Postgres.connect(DATABASE); PreparedStatement receivedAt = db.prepareStatement(
                "select received_at from message where external_id = ? and platform = 'x'")) {
            for (int i = 0; running; i++) {
                Thread.sleep(Math.max(0, (first + i * PROBE_EVERY.toNanos() - System.nanoTime()) / 1_000_000));
                String word = "sqk" + i + "x" + random.nextInt(100_000);
                String id = PROBE_PREFIX + word;
                ObjectNode post = JSON.createObjectNode().put("id", id).put("platform", "x")
                        .put("text", brand.name() + " " + word + " still waiting for my order")
                        .put("created_at", Instant.now().toString()).put("lang", "en");
                post.putObject("author").put("handle", "bench_probe");
                long sentAt = System.nanoTime();
                Instant sentWall = Instant.now();
                producer.send(new ProducerRecord<>(TOPIC, id, JSON.writeValueAsBytes(post)));
                producer.flush();
                sent.incrementAndGet();
                while (!searchable(app, word, sentAt) && System.nanoTime() - sentAt < PROBE_GIVE_UP.toNanos()) {
                    Thread.sleep(10);
                }
                double found = (System.nanoTime() - sentAt) / 1e6;
                Long witnessed = delivered.remove(id);
                freshness.add(new Probe(slot(sentAt), sentAt, sentWall, found,
                        witnessed == null ? Double.NaN : (witnessed - sentAt) / 1e6,
                        untilStoring(receivedAt, id, sentWall)));
            }
        } catch (InterruptedException | IOException | SQLException e) {
            if (running) {
                throw new IllegalStateException("the freshness probe stopped", e);
            }
        }
    }

    /**
     * A consumer of the bench's own on the posts topic, at its end: it sees each probe post as a client
     * with nothing else to do would, which separates what Kafka took from what the app took. Its
     * positions are read before the probes start, so none is missed.
     */
    private static KafkaConsumer<String, byte[]> witness(String bootstrap) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private void witnessProbes(KafkaConsumer<String, byte[]> consumer) {
        while (running) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                if (r.key() != null && r.key().startsWith(PROBE_PREFIX)) {
                    delivered.put(r.key(), System.nanoTime());
                }
            }
        }
    }

    /** Milliseconds from {@code sent} until the app began storing the probe's batch; NaN if it was never stored. */
    private static double untilStoring(PreparedStatement receivedAt, String id, Instant sent) throws SQLException {
        receivedAt.setString(1, id);
        try (ResultSet rs = receivedAt.executeQuery()) {
            return rs.next() ? Duration.between(sent, rs.getTimestamp(1).toInstant()).toNanos() / 1e6 : Double.NaN;
        }
    }

    /** Whether a search finds the word; a refused search is counted as an error response. */
    private boolean searchable(App app, String word, long sentAt) {
        try {
            return app.get("/api/search?limit=1&q=" + word).get("total").asLong() > 0;
        } catch (IOException e) {
            if (count(Count.PROBE_ERRORS, slot(sentAt)) == 0) {
                System.out.println("  probe search failed: " + e.getMessage());
            }
            add(Count.PROBE_ERRORS, sentAt);
            return false;
        }
    }

    /** An agent's loop: rounds over the pages, and after one round in {@value #REPLY_EVERY} a reply. */
    private void agent(AgentSession session, SplittableRandom random, int thinkMillis) {
        String[] composer = new String[2];
        while (running) {
            composer[0] = null;
            try {
                session.round(targets, random, thinkMillis, (kind, path, started, finished, answer) -> {
                    if (answered(path, started, answer.statusCode(), answer.body()) && kind == Kind.COMPOSER) {
                        composer[0] = path;
                        composer[1] = new String(answer.body(), StandardCharsets.UTF_8);
                    }
                });
                if (composer[0] != null && random.nextInt(REPLY_EVERY) == 0) {
                    reply(session, composer[0], composer[1]);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // A request that got no answer (reset, refused) is a failure too; the agent goes on.
                failed("a request", System.nanoTime(), e.toString());
            }
        }
    }

    /** Counts a request and whether it failed (anything but 2xx); true if it did not. */
    private boolean answered(String path, long started, int status, byte[] body) {
        add(Count.REQUESTS, started);
        if (status / 100 == 2) {
            return true;
        }
        failed(path, started, status + ": " + new String(body, StandardCharsets.UTF_8).lines().limit(3).toList());
        return false;
    }

    private void failed(String what, long started, String detail) {
        if (count(Count.FAILED, slot(started)) == 0) {
            System.out.println("  " + what + " failed: " + detail);
        }
        add(Count.FAILED, started);
    }

    /** Sends the composer's form as its Send button does, answering the post the composer chose. */
    private void reply(AgentSession session, String composerPath, String html) throws IOException, InterruptedException {
        Matcher answering = IN_REPLY_TO.matcher(html);
        Matcher opened = OPENED_AT.matcher(html);
        if (!answering.find() || !opened.find()) {
            return;
        }
        String form = "text=" + App.encode("So sorry about that! Could you DM us your order number?")
                + "&inReplyTo=" + App.encode(answering.group(1)) + "&openedAt=" + App.encode(opened.group(1));
        long started = System.nanoTime();
        HttpResponse<String> answer = session.postForm(composerPath + "/send", form);
        if (!answered(composerPath + "/send", started, answer.statusCode(),
                answer.body().getBytes(StandardCharsets.UTF_8))) {
            return;
        }
        if (answer.body().contains(SENT)) {
            add(Count.REPLIES, started);
        } else {
            // 200 with the composer again: a teammate answered meanwhile (409), or the reply was refused (400).
            if (count(Count.REPLIES_REFUSED, slot(started)) == 0) {
                System.out.println("  a reply was refused: " + answer.body().lines()
                        .filter(l -> l.contains("role=\"alert\"")).collect(Collectors.joining(" ")).trim());
            }
            add(Count.REPLIES_REFUSED, started);
        }
    }

    private Window window(int w, Instant end, Boundary a, Boundary b) {
        List<Double> fresh = freshness(w);
        Samples s = known(fresh);
        Probe slowest = freshness.stream().filter(f -> f.window() == w).max(Comparator.comparingDouble(Probe::foundMs))
                .orElse(new Probe(w, 0, null, Double.NaN, Double.NaN, Double.NaN));
        FreshnessHistogram posts = b.fresh().since(a.fresh());
        return new Window(w, end, count(Count.PRODUCED, w), b.stored() - a.stored(), b.sent() - b.received(),
                count(Count.REQUESTS, w), count(Count.FAILED, w), count(Count.REPLIES, w),
                count(Count.REPLIES_REFUSED, w), count(Count.PROBE_ERRORS, w), fresh.size(), s.percentile(50),
                s.percentile(99), s.max(), posts.count(), posts.percentile(50), posts.percentile(99),
                posts.shareWithin(FRESHNESS_TARGET_MS), slowest.untilDeliveredMs(), slowest.untilStoringMs(),
                b.storeSeconds() - a.storeSeconds(),
                b.indexSeconds() - a.indexSeconds(), b.cpu().app() - a.cpu().app(),
                b.cpu().postgres() - a.cpu().postgres(), b.heapMiB(), b.rssMiB(), b.load());
    }

    private static void describeDatabase(Report report) throws Exception {
        try (Connection c = Postgres.connect(DATABASE); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select (select count(*) from conversation), (select count(*) from message),"
                        + " (select count(*) from reply), pg_database_size(current_database())")) {
            rs.next();
            report.note(NAME, String.format(Locale.ROOT, "at the end: %,d conversations, %,d messages, %,d replies;"
                    + " PostgreSQL database %,.0f MiB.", rs.getLong(1), rs.getLong(2), rs.getLong(3),
                    rs.getLong(4) / 1024.0 / 1024.0));
        }
    }

    private void report(BenchContext context, List<Window> windows, int rate, String rateFrom, int agents,
            int thinkMillis) throws IOException {
        Report report = context.report();
        long requests = windows.stream().mapToLong(Window::requests).sum();
        // Errors count from the warm-up to the last request after the end: none is excused.
        long errors = 0;
        for (int slot = 0; slot <= minutes + 1; slot++) {
            errors += count(Count.FAILED, slot) + count(Count.PROBE_ERRORS, slot) + count(Count.PRODUCE_ERRORS, slot);
        }
        List<Double> probes = freshness.stream().filter(f -> f.window() >= 1 && f.window() <= minutes)
                .map(Probe::foundMs).toList();
        double worstP99 = windows.stream().mapToDouble(Window::freshP99).max().orElse(Double.NaN);
        double[] minute = windows.stream().mapToDouble(Window::minute).toArray();
        double heapSlope = slope(minute, windows.stream().mapToDouble(Window::heapMiB).toArray()) * 10;
        double rssSlope = slope(minute, windows.stream().mapToDouble(Window::rssMiB).toArray()) * 10;
        double storedPerMinute = windows.stream().mapToDouble(Window::stored).average().orElse(Double.NaN);
        String span = String.format(Locale.ROOT, " (%d windows of 1 min)", windows.size());

        report.single(NAME, "steady produce rate, every post stored (" + rateFrom + ")", rate, "posts/s");
        report.add(NAME, "posts stored and indexed per second, per window", new Samples(windows.stream()
                .map(w -> w.stored() / WINDOW.toSeconds()).toList()), "posts/s");
        report.add(NAME, "ingest lag at each window's end (produced, not yet stored)", new Samples(windows.stream()
                .map(Window::lag).toList()), "posts");
        report.add(NAME, String.format(Locale.ROOT, "%d agents (think time %,d ms): requests per second, per window",
                agents, thinkMillis), new Samples(windows.stream().map(w -> (double) w.requests() / WINDOW.toSeconds())
                        .toList()), "req/s");
        report.single(NAME, "replies sent through the composer" + span, windows.stream().mapToLong(Window::replies)
                .sum(), "replies");
        report.add(NAME, String.format(Locale.ROOT, "error responses: agents' %,d requests, probes' searches,"
                + " produce errors", requests), new Samples(new double[] { errors }), "responses", "0", errors == 0);
        report.add(NAME, "freshness, produce → searchable: p99 per window" + span, new Samples(windows.stream()
                .map(Window::freshP99).toList()), "ms");
        report.add(NAME, "freshness, produce → searchable: p99, worst window", new Samples(new double[] { worstP99 }),
                "ms", "≤ 500", worstP99 <= FRESHNESS_TARGET_MS);
        report.single(NAME, String.format(Locale.ROOT, "freshness, produce → searchable: p50 of all %,d probes",
                probes.size()), new Samples(probes).percentile(50), "ms");
        double worstShare = windows.stream().mapToDouble(Window::postsWithin).min().orElse(Double.NaN);
        report.add(NAME, "freshness of every stored post (the app's histogram): p99 per window" + span,
                new Samples(windows.stream().map(Window::postsP99).toList()), "ms");
        report.add(NAME, "freshness of every stored post: share within 500 ms, worst window",
                new Samples(new double[] { 100 * worstShare }), "%", "≥ 99 (p99 ≤ 500 ms)", worstShare >= 0.99);
        report.add(NAME, "heap used after a full GC, per window", new Samples(windows.stream().map(Window::heapMiB)
                .toList()), "MiB");
        report.add(NAME, "heap after GC: trend (least-squares slope over the windows)",
                new Samples(new double[] { heapSlope }), "MiB/10 min", "within ±10",
                Math.abs(heapSlope) <= FLAT_MIB_PER_10_MIN);
        report.single(NAME, "heap after GC: trend per 100,000 posts stored", heapSlope / 10 / storedPerMinute * 100_000,
                "MiB");
        report.add(NAME, "RSS, per window", new Samples(windows.stream().map(Window::rssMiB).toList()), "MiB");
        report.single(NAME, "RSS: trend (least-squares slope over the windows)", rssSlope, "MiB/10 min");

        report.note(NAME, lateProbes());
        Path csv = context.workDir().resolve("soak-windows.csv");
        List<String> lines = new ArrayList<>(List.of("minute,end_utc,produced,stored,lag_at_end,agent_requests,"
                + "agent_failed,replies_sent,replies_refused,probe_errors,probes,fresh_p50_ms,fresh_p99_ms,fresh_max_ms,"
                + "posts_timed,posts_fresh_p50_ms,posts_fresh_p99_ms,posts_within_500ms_share,"
                + "slowest_probe_until_delivered_ms,slowest_probe_until_storing_ms,store_stage_s,index_stage_s,app_cpu_s,"
                + "postgres_cpu_s,heap_after_gc_mib,rss_mib,load_1min"));
        windows.forEach(w -> lines.add(String.format(Locale.ROOT, "%d,%s,%.0f,%.0f,%.0f,%d,%d,%d,%d,%d,%d,%.1f,%.1f,"
                + "%.1f,%.0f,%.1f,%.1f,%.5f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.2f", w.minute(), w.end(), w.produced(),
                w.stored(), w.lag(), w.requests(), w.failed(), w.replies(), w.refused(), w.probeErrors(), w.probes(),
                w.freshP50(), w.freshP99(), w.freshMax(), w.postsTimed(), w.postsP50(), w.postsP99(), w.postsWithin(),
                w.slowestUntilDelivered(), w.slowestUntilStoring(), w.storeSeconds(),
                w.indexSeconds(), w.appCpu(), w.postgresCpu(), w.heapMiB(), w.rssMiB(), w.load())));
        Files.createDirectories(csv.getParent());
        Files.write(csv, lines);
        Path probeCsv = writeProbes(context.workDir().resolve("soak-probes.csv"));
        report.note(NAME, "per window (minute: stored posts, lag at its end, agents' requests/failed, replies,"
                + " freshness p50/p99 ms of its probes and how much of its slowest probe's time passed until the"
                + " bench's own consumer had it / until the app began storing it, every stored post's freshness"
                + " p50/p99 ms and share within 500 ms from the app's histogram, seconds in the store/index stages,"
                + " CPU seconds of the app/PostgreSQL, heap after GC MiB, RSS MiB): "
                + windows.stream()
                        .map(w -> String.format(Locale.ROOT, "%d: %,.0f, %,.0f, %,d/%d, %d, %.0f/%.0f (%.0f/%.0f),"
                                + " %.0f/%.0f %.2f%%, %.0f/%.0f, %.0f/%.0f, %.0f, %.0f", w.minute(), w.stored(), w.lag(),
                                w.requests(), w.failed(), w.replies(), w.freshP50(), w.freshP99(),
                                w.slowestUntilDelivered(), w.slowestUntilStoring(), w.postsP50(), w.postsP99(),
                                100 * w.postsWithin(), w.storeSeconds(), w.indexSeconds(), w.appCpu(),
                                w.postgresCpu(), w.heapMiB(), w.rssMiB()))
                        .collect(Collectors.joining("; ")) + ". The series: " + csv + "; each probe, with the time it"
                + " was sent, to line slow ones up against a flight recording: " + probeCsv + ".");
        report.note(NAME, String.format(Locale.ROOT, "the app on PostgreSQL (`%s`) with a Kafka broker, rules `*:*`"
                + " plus the product set; %,d posts ingested at full speed first, then %,d posts/s on a fixed schedule,"
                + " %.0f s of warm-up (at least %d s, then until the lag was under a second of posts, at most %d s),"
                + " %d windows of 1 min. %d agents logged in through the form loop queue → later page →"
                + " conversation → composer with an exponential think time (mean %,d ms) after each page, and after"
                + " one round in %d send a reply through the composer (`POST /conversations/{id}/composer/send`,"
                + " `X-CSRF-Token`). A probe post with a unique word every %d s is timed until `/api/search` finds it"
                + " (%d a window, so a window's p99 is its slowest probe); every stored post is timed by the app itself,"
                + " from its Kafka record's timestamp (the producer's clock, the same machine) until its batch was"
                + " searchable (`earshot_ingest_freshness_seconds`, buckets with a bound at 500 ms; a p99 is"
                + " interpolated inside its bucket). Heap is `jvm_memory_used_bytes{area=heap}`"
                + " right after `jcmd GC.run` at each window's end, RSS just before it; flat means the fitted line moves less than %.0f MiB"
                + " in 10 minutes.", DATABASE, FILL_POSTS, rate, warmupNanos / 1e9, WARMUP.toSeconds(),
                WARMUP_MAX.toSeconds(), windows.size(), agents, thinkMillis,
                REPLY_EVERY, PROBE_EVERY.toSeconds(), WINDOW.toSeconds() / PROBE_EVERY.toSeconds(), FLAT_MIB_PER_10_MIN));
    }

    /** Every probe in the order sent, the warm-up's too (window 0); answers {@code csv}. */
    private Path writeProbes(Path csv) throws IOException {
        List<String> lines = new ArrayList<>(List.of(Probe.CSV_HEADER));
        freshness.stream().sorted(Comparator.comparingLong(Probe::sentNanos)).map(Probe::csvLine).forEach(lines::add);
        return Files.write(csv, lines);
    }

    /**
     * Where the probes over target spent their time: until the bench's own consumer had them (Kafka),
     * from there until the app began storing them (polling, screening, queueing for the store), and from
     * there until a search found them (storing, indexing, refreshing); and how many waited across a
     * forced full GC at a window's end.
     */
    private String lateProbes() {
        List<Probe> late = freshness.stream().filter(f -> f.window() >= 1 && f.window() <= minutes
                && f.foundMs() > FRESHNESS_TARGET_MS).toList();
        if (late.isEmpty()) {
            return "no probe took over " + FRESHNESS_TARGET_MS + " ms.";
        }
        long acrossGc = late.stream().filter(f -> forcedGcs.stream().anyMatch(f::waitedAcross)).count();
        Samples kafka = known(late.stream().map(Probe::untilDeliveredMs).toList());
        Samples beforeStoring = known(late.stream().map(f -> f.untilStoringMs() - f.untilDeliveredMs()).toList());
        Samples storing = known(late.stream().map(f -> f.foundMs() - f.untilStoringMs()).toList());
        return String.format(Locale.ROOT, "%d probes took over %.0f ms; %d of them waited across a forced full GC."
                + " Their time, median (max) ms: Kafka until the bench's own consumer had them %.0f (%.0f); then"
                + " until the app began storing them %.0f (%.0f); then until a search found them %.0f (%.0f).",
                late.size(), FRESHNESS_TARGET_MS, acrossGc, kafka.percentile(50), kafka.max(),
                beforeStoring.percentile(50), beforeStoring.max(), storing.percentile(50), storing.max());
    }

    /** The values that are numbers, or a single NaN if none is. */
    private static Samples known(List<Double> values) {
        List<Double> numbers = values.stream().filter(v -> !v.isNaN()).toList();
        return numbers.isEmpty() ? new Samples(new double[] { Double.NaN }) : new Samples(numbers);
    }

    /** The slope of the least-squares line through the points, per unit of x. */
    static double slope(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            num += (x[i] - mx) * (y[i] - my);
            den += (x[i] - mx) * (x[i] - mx);
        }
        return num / den;
    }
}
