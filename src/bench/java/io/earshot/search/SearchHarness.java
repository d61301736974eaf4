package io.earshot.search;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;

import io.earshot.bench.SearchSection;
import io.earshot.bench.SearchSection.TypicalQuery;
import io.earshot.bench.generate.GeneratedPost;
import io.earshot.bench.generate.GeneratorSettings;
import io.earshot.bench.generate.PostGenerator;
import io.earshot.post.EnvelopeParser;
import io.earshot.post.ParseResult;
import io.earshot.post.Post;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The search path without the app, the database or HTTP: the bench's 20 queries through
 * {@link PostSearcher} exactly as {@link SearchService} calls it (facets hashtag, author, rule;
 * highlights; 25 a page), over an index of the generated corpus written with the app's own
 * {@link PostDocuments}. It times each query, records the timed passes with JFR and prints where the
 * samples fell, and writes every answer (first page and the page after its cursor) to a file, so two
 * versions of the search code can be compared for identical results. In this package because
 * {@code PostSearcher} is package-private.
 *
 * <pre>
 * java -cp ... io.earshot.search.SearchHarness build DIR [POSTS]     index POSTS generated posts (seed 42) into DIR
 * java -cp ... io.earshot.search.SearchHarness run DIR OUT [PASSES]  time the queries, write answers to OUT
 * </pre>
 */
public final class SearchHarness {

    private static final long SEED = 42;
    private static final long EVERYTHING_RULE = 1;
    private static final int WARMUP_PASSES = 5;

    private SearchHarness() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "build" -> build(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000);
            case "run" -> run(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 20);
            default -> throw new IllegalArgumentException("build DIR [POSTS] | run DIR OUT [PASSES]");
        }
        System.exit(0);
    }

    /**
     * Indexes the corpus as the benchmark's app holds it: rule 1 matches everything, the generator's
     * product rule {@code k} is the app's rule {@code k + 1}, a conversation takes its root's position.
     * The writer has the app's RAM buffer; segments are left as the merge policy leaves them.
     */
    private static void build(Path dir, int size) throws Exception {
        long started = System.nanoTime();
        PostGenerator generator = new PostGenerator(GeneratorSettings.of(size, SEED));
        long idBase = Long.parseLong(PostGenerator.id(0));
        EnvelopeParser parser = new EnvelopeParser();
        try (FSDirectory directory = FSDirectory.open(dir);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(PostAnalyzer.create())
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(64))) {
            // One writer thread per core (the common pool); the writer inverts on every thread that adds.
            IntStream.range(0, size).parallel().forEach(i -> {
                GeneratedPost generated = generator.post(i);
                Post post = ((ParseResult.Accepted) parser.parse(generated.json().getBytes(StandardCharsets.UTF_8))).post();
                Set<Long> rules = new HashSet<>();
                rules.add(EVERYTHING_RULE);
                for (long id : generated.ruleIds()) {
                    if (id <= 60) {
                        rules.add(id + 1);
                    }
                }
                long conversation = Long.parseLong(generated.key()) - idBase + 1;
                try {
                    writer.addDocument(PostDocuments.FACETS.build(PostDocuments.indexed(i + 1L, conversation,
                            Boolean.TRUE.equals(post.outbound()) ? "outbound" : "inbound", post, rules)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.commit();
        }
        System.out.printf("indexed %,d posts into %s in %.0f s%n", size, dir, (System.nanoTime() - started) / 1e9);
    }

    private static void run(Path dir, Path out, int passes) throws Exception {
        List<TypicalQuery> queries = SearchSection.queries(
                new PostGenerator(GeneratorSettings.of(10, SEED)).rules().brands().get(0));
        PostSearcher searcher = new PostSearcher(PostAnalyzer.create());
        List<String> facets = Arrays.asList(SearchSection.FACETS.split(","));
        try (FSDirectory directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
            // As SearcherManager makes them (no SearcherFactory): a plain searcher per reader.
            IndexSearcher index = new IndexSearcher(reader);
            System.out.printf("%,d documents in %d segments%n", reader.numDocs(), reader.leaves().size());
            long coldStarted = System.nanoTime();
            searcher.search(index, request(queries.get(0), facets, null));
            System.out.printf("first search on this reader (facet values of every segment numbered): %.1f ms%n",
                    (System.nanoTime() - coldStarted) / 1e6);
            try (PrintWriter answers = new PrintWriter(Files.newBufferedWriter(out))) {
                for (TypicalQuery q : queries) {
                    SearchResult first = searcher.search(index, request(q, facets, null));
                    answers.println(q.earshot() + (q.newest() ? " (newest)" : ""));
                    answers.println("  page 1: " + first);
                    if (first.next() != null) {
                        answers.println("  page 2: " + searcher.search(index, request(q, facets, first.next())));
                    }
                }
            }
            for (int pass = 0; pass < WARMUP_PASSES; pass++) {
                for (TypicalQuery q : queries) {
                    searcher.search(index, request(q, facets, null));
                }
            }
            Map<TypicalQuery, List<Double>> times = new LinkedHashMap<>();
            List<Double> all = new ArrayList<>();
            // CPU time of the searching thread: on a shared machine, wall time mostly measures the queue for a core.
            Map<TypicalQuery, List<Double>> cpu = new LinkedHashMap<>();
            List<Double> allCpu = new ArrayList<>();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Path jfr = out.resolveSibling(out.getFileName() + ".jfr");
            try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
                recording.start();
                for (int pass = 0; pass < passes; pass++) {
                    for (TypicalQuery q : queries) {
                        long started = System.nanoTime();
                        long cpuStarted = threads.getCurrentThreadCpuTime();
                        searcher.search(index, request(q, facets, null));
                        double ms = (System.nanoTime() - started) / 1e6;
                        double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e6;
                        times.computeIfAbsent(q, k -> new ArrayList<>()).add(ms);
                        cpu.computeIfAbsent(q, k -> new ArrayList<>()).add(cpuMs);
                        all.add(ms);
                        allCpu.add(cpuMs);
                    }
                }
                recording.stop();
                recording.dump(jfr);
            }
            System.out.printf("%-40s %25s   %s%n", "", "wall ms: p50, p99", "CPU ms: p50, p99, mean");
            for (Map.Entry<TypicalQuery, List<Double>> e : times.entrySet()) {
                List<Double> c = cpu.get(e.getKey());
                System.out.printf("%-40s %12.2f %12.2f   %8.2f %8.2f %8.2f%n",
                        e.getKey().earshot() + (e.getKey().newest() ? " (newest)" : ""), percentile(e.getValue(), 50),
                        percentile(e.getValue(), 99), percentile(c, 50), percentile(c, 99), mean(c));
            }
            System.out.printf("ALL %d searches: wall p50 %.2f ms, p99 %.2f ms; CPU p50 %.2f ms, p99 %.2f ms, mean %.2f ms%n",
                    all.size(), percentile(all, 50), percentile(all, 99), percentile(allCpu, 50), percentile(allCpu, 99),
                    mean(allCpu));
            long stateStarted = System.nanoTime();
            new DefaultSortedSetDocValuesReaderState(reader, PostDocuments.FACETS);
            System.out.printf("Lucene's global facet ordinals of this reader (DefaultSortedSetDocValuesReaderState, rebuilt"
                    + " for each reader): %.1f ms%n",
                    (System.nanoTime() - stateStarted) / 1e6);
            summarize(jfr);
        }
    }

    private static SearchRequest request(TypicalQuery q, List<String> facets, String cursor) {
        return new SearchRequest(q.earshot(), null, null, null, null, null, null, null,
                q.newest() ? SearchRequest.SortOrder.NEWEST : SearchRequest.SortOrder.RELEVANCE, 25, cursor, facets,
                false);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double percentile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /**
     * Execution samples of the timed passes by the PostSearcher line on the stack (which step of a
     * search: top hits, count, facets, highlights) and by top frame.
     */
    private static void summarize(Path jfr) throws Exception {
        Map<String, Integer> bySearcherLine = new LinkedHashMap<>();
        Map<String, Integer> byTop = new LinkedHashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.stream().noneMatch(f -> f.getMethod().getType().getName().equals(SearchHarness.class.getName()))) {
                continue;
            }
            total++;
            String step = "(outside PostSearcher)";
            for (RecordedFrame f : frames) {
                if (f.getMethod().getType().getName().startsWith(PostSearcher.class.getName())) {
                    step = f.getMethod().getType().getName().replace("io.earshot.search.", "") + "." + f.getMethod().getName()
                            + ":" + f.getLineNumber();
                    break;
                }
            }
            bySearcherLine.merge(step, 1, Integer::sum);
            RecordedFrame top = frames.get(0);
            byTop.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
        }
        System.out.printf("JFR %s: %d samples in the search thread%n", jfr, total);
        System.out.println("  by innermost PostSearcher line: " + top(bySearcherLine, total, 15));
        System.out.println("  by top frame: " + top(byTop, total, 15));
    }

    private static String top(Map<String, Integer> counts, int total, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .map(e -> String.format("%s %.1f%%", e.getKey(), 100.0 * e.getValue() / Math.max(1, total)))
                .collect(Collectors.joining(", "));
    }
}
