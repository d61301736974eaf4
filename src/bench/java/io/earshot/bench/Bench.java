package io.earshot.bench;

/**
 * The benchmark command (see {@code docs/benchmarks.md}):
 *
 * <pre>
 * generate --posts 1000000 --seed 42 --out target/bench/posts.ndjson
 * run all|screening|ingest|search|footprint [--posts N] [--runs R] [--jfr] [--write-doc]
 * </pre>
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        // An interrupted run (Ctrl-C, kill) must not leave its app, broker or PostgreSQL load running
        // to skew whatever is measured next.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
        Options options = new Options(args);
        switch (options.word(0, "help")) {
            case "generate" -> Generate.run(options);
            case "run" -> Runner.run(options);
            default -> {
                System.out.println("""
                        usage: bench/run generate [--posts 1000000] [--seed 42] [--days 90] [--out target/bench/posts.ndjson]
                               bench/run run all|<section>... [--posts N] [--runs 5] [--jfr] [--write-doc]
                        sections: %s""".formatted(String.join(", ", Runner.SECTIONS.keySet())));
            }
        }
        System.exit(0);
    }
}
