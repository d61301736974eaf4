package io.earshot.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Start-up time to ready, heap and RSS at rest and under ingest load, index size per million
 * posts. Reads what the search section measured on its corpus (run {@code search} first, as
 * {@code run all} does), then restarts the app on that corpus to time a start with the data in.
 */
final class FootprintSection implements Section {

    private static final String NAME = "footprint";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        if (context.fact("index.bytes") == null) {
            new SearchSection().run(context);
        }
        Report report = context.report();
        double posts = context.fact("index.posts");
        report.single(NAME, "start-up to ready, empty database", context.fact("startup.empty"), "s");
        report.single(NAME, "heap used at rest, empty", context.fact("heap.rest.empty"), "MiB");
        report.single(NAME, "RSS at rest, empty", context.fact("rss.rest.empty"), "MiB");
        report.single(NAME, "heap used, peak during the HTTP import", context.fact("heap.load.peak"), "MiB");
        report.single(NAME, "RSS, peak during the HTTP import", context.fact("rss.load.peak"), "MiB");
        if (context.fact("ingest.rss.peak") != null) {
            report.single(NAME, "heap used, peak during the Kafka ingest", context.fact("ingest.heap.peak"), "MiB");
            report.single(NAME, "RSS, peak during the Kafka ingest", context.fact("ingest.rss.peak"), "MiB");
        }
        report.single(NAME, String.format("heap used at rest with %,.0f posts (after GC)", posts),
                context.fact("heap.rest.loaded"), "MiB");
        report.single(NAME, String.format("RSS at rest with %,.0f posts", posts), context.fact("rss.rest.loaded"), "MiB");
        report.single(NAME, "index size per million posts", context.fact("index.bytes") / posts * 1_000_000 / 1024 / 1024,
                "MiB");
        Path data = context.workDir().resolve("data-search");
        try (App app = App.start(context, "app-footprint", SearchSection.DATABASE, data, Map.of(), List.of())) {
            report.single(NAME, String.format("start-up to ready with %,.0f posts stored and indexed", posts),
                    app.startSeconds(), "s");
        }
        report.note(NAME, "start-up is from launching the JVM (`java -jar quarkus-run.jar`, default heap settings)"
                + " to `/q/health/ready` answering 200; heap is the JVM's own `jvm_memory_used_bytes{area=heap}`, RSS"
                + " is `VmRSS` of the process, sampled once a second.");
    }
}
