package io.earshot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.earshot.bench.generate.Brand;
import io.earshot.bench.generate.GeneratedPost;
import io.earshot.bench.generate.ListeningRule;
import io.earshot.bench.generate.PostGenerator;
import io.earshot.bench.generate.RuleSets;
import io.earshot.post.Post;
import io.earshot.testing.KafkaBroker;

/**
 * Ingest end to end: posts produced to a real Kafka topic until stored in PostgreSQL and
 * searchable, first when every post matches (an import or a replay), then a realistic mix, then
 * freshness (produce to searchable) under a steady load. Against the limit, on the same posts in
 * the same run: raw Lucene indexing, PostgreSQL COPY and JDBC batch inserts. {@code --jfr} records
 * the app and prints where its time went.
 */
final class IngestSection implements Section {

    private static final String NAME = "ingest";
    private static final String DATABASE = "bench_ingest";
    private static final String RAW_DATABASE = "bench_raw";
    private static final String TOPIC = "earshot.posts";
    private static final int FRESHNESS_PROBES = 100;
    private static final int BACKGROUND_RATE = 1_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int size = context.options().integer("ingest-posts", context.options().integer("posts", 200_000));
        PostGenerator generator = context.generator(size);
        List<GeneratedPost> posts = new ArrayList<>(size);
        generator.forEach(posts::add);
        Report report = context.report();
        boolean jfr = context.options().flag("jfr");
        Path recording = context.workDir().resolve("ingest.jfr");

        Postgres.recreate(DATABASE);
        Path data = context.workDir().resolve("data-ingest");
        App.run(List.of("rm", "-rf", data.toString()), null);
        try (KafkaBroker broker = context.newBroker()) {
            broker.start();
            broker.createTopic(TOPIC, 3);
            List<String> jvm = jfr ? List.of("-XX:StartFlightRecording=filename=" + recording
                    + ",settings=profile,dumponexit=true") : List.of();
            try (App app = App.start(context, "app-ingest", DATABASE, data,
                    Map.of("earshot.kafka.bootstrap-servers", broker.bootstrapServers()), jvm);
                    KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
                long everything = app.rule("everything (benchmark)", "*:*");
                try (LoadSampler sampler = new LoadSampler(app)) {
                    Throughput all = produceAndWait(app, producer, posts, "x", 0);
                    context.fact("ingest.rss.peak", sampler.peakRssMiB());
                    context.fact("ingest.heap.peak", sampler.peakHeapMiB());
                    report.add(NAME, String.format("Kafka → stored + indexed, every post matches (%,d posts)", size),
                            all.windows(), "posts/s", "≥ 10,000", all.windows().median() >= 10_000);
                    report.single(NAME, "  the same, overall (first produce to last indexed)", all.overall(), "posts/s");
                    report.single(NAME, "  mentions stored per second", all.storedPerSecond(), "mentions/s");
                    report.note(NAME, "every post matches, where the time went: " + all.where());
                }
                app.deleteRule(everything);
                for (ListeningRule rule : generator.rules().named(RuleSets.PRODUCT)) {
                    app.rule(rule.name(), rule.query());
                }
                Throughput mix = produceAndWait(app, producer, posts, "y", size);
                report.add(NAME, String.format("Kafka → screened, realistic mix (%,d posts, %.1f%% stored)", size,
                        100.0 * mix.stored() / size), mix.windows(), "posts/s", "≥ 20,000", mix.windows().median() >= 20_000);
                report.single(NAME, "  the same, overall", mix.overall(), "posts/s");
                report.note(NAME, "realistic mix, where the time went: " + mix.where());
                freshness(context, app, producer, posts, generator.rules().brands().get(0));
            }
        }
        if (jfr) {
            report.note(NAME, "flight recording " + recording + "; " + Profile.summary(recording, 12));
        }
        baselines(context, posts);
        report.note(NAME, "Kafka: a real single-node KRaft broker (a child JVM with " + context.brokerJvm() + " settings, `--broker-jvm`), topic " + TOPIC + " with 3 partitions,"
                + " posts keyed by conversation root; the app polls up to 4,000 records and stores them in batches"
                + " of `earshot.ingest.batch-size` (4,000 unless `--app-settings` says otherwise). Rates are taken every"
                + " 0.5 s from the app's own counters (`earshot_posts_received_total{source=kafka}`, which counts a"
                + " batch after it is stored and indexed); the median/min/max are over 2 s windows between 10% and"
                + " 90% of the run.");
    }

    /** What one produce-and-consume run showed. */
    record Throughput(Samples windows, double overall, double stored, double storedPerSecond, String where) {
    }

    private static final List<String> STAGES = List.of("prepare", "store", "index");

    /** Seconds spent so far in each pipeline stage, summed over batches (stages of different batches overlap). */
    private static double[] stageSeconds(App app) throws IOException {
        double[] seconds = new double[STAGES.size()];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = app.metric("earshot_ingest_stage_seconds_sum", "stage=\"" + STAGES.get(i) + "\"");
        }
        return seconds;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Produces the posts (on another platform name, so each run's posts are new) and waits until the
     * app has taken all of them in; {@code before} is what the kafka counter said before.
     */
    private static Throughput produceAndWait(App app, KafkaProducer<String, byte[]> producer, List<GeneratedPost> posts,
            String platform, long before) throws Exception {
        double storedBefore = app.metric("earshot_posts_stored_total", "source=\"kafka\"");
        double[] stagesBefore = stageSeconds(app);
        CpuTime cpuBefore = CpuTime.now(app.pid());
        long started = System.nanoTime();
        Thread sender = new Thread(() -> {
            for (GeneratedPost post : posts) {
                producer.send(record(post, platform));
            }
            producer.flush();
        }, "bench-producer");
        sender.start();
        List<double[]> samples = new ArrayList<>();
        double received = 0;
        long deadline = started + 3_600_000_000_000L;
        while (received < posts.size() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            received = app.metric("earshot_posts_received_total", "source=\"kafka\"") - before;
            samples.add(new double[] { (System.nanoTime() - started) / 1e9, received });
        }
        sender.join();
        double seconds = (System.nanoTime() - started) / 1e9;
        String cpu = CpuTime.between(cpuBefore, CpuTime.now(app.pid()), seconds);
        double[] stages = stageSeconds(app);
        StringBuilder where = new StringBuilder(cpu).append("; stage seconds");
        for (int i = 0; i < stages.length; i++) {
            where.append(String.format(Locale.ROOT, " %s %.1f", STAGES.get(i), stages[i] - stagesBefore[i]));
        }
        double stored = app.metric("earshot_posts_stored_total", "source=\"kafka\"") - storedBefore;
        List<Double> windows = new ArrayList<>();
        for (int i = 4; i < samples.size(); i++) {
            double[] a = samples.get(i - 4);
            double[] b = samples.get(i);
            if (a[1] >= 0.1 * posts.size() && b[1] <= 0.9 * posts.size()) {
                windows.add((b[1] - a[1]) / (b[0] - a[0]));
            }
        }
        if (windows.isEmpty()) {
            windows.add(posts.size() / seconds);
        }
        return new Throughput(new Samples(windows), posts.size() / seconds, stored, stored / seconds, where.toString());
    }

    private static ProducerRecord<String, byte[]> record(GeneratedPost post, String platform) {
        String json = post.json().replace("\"platform\":\"x\"", "\"platform\":\"" + platform + "\"");
        return new ProducerRecord<>(TOPIC, post.key(), json.getBytes(StandardCharsets.UTF_8));
    }

    /** Time from producing a post with a unique word until a search for that word finds it, under a steady load. */
    private static void freshness(BenchContext context, App app, KafkaProducer<String, byte[]> producer,
            List<GeneratedPost> posts, Brand brand) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread background = new Thread(() -> {
            long started = System.nanoTime();
            for (int i = 0; running.get(); i++) {
                producer.send(record(posts.get(i % posts.size()), "z" + (i / posts.size())));
                long due = started + (long) ((i + 1) * 1e9 / BACKGROUND_RATE);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "bench-background");
        background.start();
        List<Double> latencies = new ArrayList<>();
        try {
            Thread.sleep(3_000);
            for (int i = 0; i < FRESHNESS_PROBES; i++) {
                String word = "fmk" + i + "x" + System.nanoTime() % 100_000;
                String id = "probe-" + word;
                String json = "{\"id\":\"" + id + "\",\"platform\":\"x\",\"author\":{\"handle\":\"bench_probe\"},"
                        + "\"text\":\"" + brand.name() + " " + word + " is late again\",\"created_at\":\""
                        + Instant.now() + "\",\"lang\":\"en\"}";
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, id, json.getBytes(StandardCharsets.UTF_8)));
                producer.flush();
                while (app.get("/api/search?limit=1&q=" + word).get("total").asLong() < 1) {
                    if (System.nanoTime() - sent > 60_000_000_000L) {
                        throw new IllegalStateException("probe " + word + " not searchable after 60 s");
                    }
                    Thread.sleep(5);
                }
                latencies.add((System.nanoTime() - sent) / 1e6);
                Thread.sleep(150);
            }
        } finally {
            running.set(false);
            background.join();
        }
        Samples s = new Samples(latencies);
        Report report = context.report();
        String load = String.format(" (%d probes, %,d posts/s realistic background)", FRESHNESS_PROBES, BACKGROUND_RATE);
        report.single(NAME, "freshness, produce → searchable: p50" + load, s.percentile(50), "ms");
        report.add(NAME, "freshness, produce → searchable: p95" + load, new Samples(new double[] { s.percentile(95) }),
                "ms", "≤ 500", s.percentile(95) <= 500);
        report.single(NAME, "freshness, produce → searchable: p99" + load, s.percentile(99), "ms");
    }

    /** The limits on the same posts: raw Lucene indexing, PostgreSQL COPY, JDBC batch inserts. */
    private static void baselines(BenchContext context, List<GeneratedPost> generated) throws Exception {
        List<Post> posts = generated.stream().map(p -> Envelopes.post(p.json())).toList();
        Report report = context.report();
        int runs = Math.min(3, context.runs());
        report.add(NAME, "limit: raw Lucene IndexWriter, same documents, 2 threads", RawLucene.measure(context, posts,
                runs), "docs/s");
        Postgres.recreate(RAW_DATABASE);
        List<Double> copy = new ArrayList<>();
        List<Double> batch = new ArrayList<>();
        try (Connection c = Postgres.connect(RAW_DATABASE)) {
            for (int run = 0; run < runs; run++) {
                PostTable.create(c, "message_copy");
                long started = System.nanoTime();
                PostTable.copy(c, "message_copy", posts);
                copy.add(posts.size() / ((System.nanoTime() - started) / 1e9));
                PostTable.create(c, "message_batch");
                started = System.nanoTime();
                PostTable.batchInsert(c, "message_batch", posts, 1_000);
                batch.add(posts.size() / ((System.nanoTime() - started) / 1e9));
            }
        }
        report.add(NAME, "limit: PostgreSQL COPY (PgJDBC CopyManager), same rows", new Samples(copy), "rows/s");
        report.add(NAME, "limit: PostgreSQL JDBC batch insert (1,000 a batch), same rows", new Samples(batch), "rows/s");
    }
}
