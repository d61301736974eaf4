package io.earshot.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.earshot.bench.generate.GeneratorSettings;
import io.earshot.bench.generate.PostGenerator;
import io.earshot.testing.KafkaBroker;

/** What sections share during one run: options, the report, the work directory and generated worlds. */
public final class BenchContext {

    private final Options options;
    private final Report report;
    private final Path workDir;
    private final Path buildDir;
    private final Map<GeneratorSettings, PostGenerator> generators = new HashMap<>();
    private final Map<String, Double> facts = new HashMap<>();

    BenchContext(Options options, Report report, Path buildDir) {
        this.options = options;
        this.report = report;
        this.buildDir = buildDir;
        this.workDir = buildDir.resolve("bench");
    }

    public Options options() {
        return options;
    }

    public Report report() {
        return report;
    }

    /** {@code <build dir>/bench}: generated files, databases' data dirs, recordings. */
    public Path workDir() {
        return workDir;
    }

    /** The Maven build directory, holding {@code quarkus-app}. */
    public Path buildDir() {
        return buildDir;
    }

    /** How many times each timed measurement is repeated ({@code --runs}, default 5). */
    public int runs() {
        return options.integer("runs", 5);
    }

    public long seed() {
        return options.longValue("seed", 42);
    }

    /**
     * A Kafka broker of the section's own, not started, its JVM as {@code --broker-jvm} says: {@code
     * test} (the tests' small JVM without the optimising compiler, the default) or {@code production}
     * (the settings of Kafka's own start scripts). Session 10 compared them: the production JVM spent
     * more CPU in a two-minute ingest run (its compiler warming up), not less.
     */
    public KafkaBroker newBroker() {
        String jvm = brokerJvm();
        return switch (jvm) {
            case "production" -> KafkaBroker.newBroker(KafkaBroker.PRODUCTION_JVM);
            case "test" -> KafkaBroker.newBroker();
            default -> throw new IllegalArgumentException("--broker-jvm must be production or test, not " + jvm);
        };
    }

    /** {@code --broker-jvm}: test (the default) or production. */
    public String brokerJvm() {
        return options.string("broker-jvm", "test");
    }

    /** Figures one section measured for a later one (the footprint reads the search run's). */
    public synchronized void fact(String name, double value) {
        facts.put(name, value);
    }

    public synchronized Double fact(String name) {
        return facts.get(name);
    }

    /** The posts of this size and the run's seed, generated once per run. */
    public synchronized PostGenerator generator(int posts) {
        return generators.computeIfAbsent(GeneratorSettings.of(posts, seed()), PostGenerator::new);
    }
}
