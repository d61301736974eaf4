package io.earshot.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** {@code run all|<section>...}: runs sections in order and prints (and optionally writes) the table. */
final class Runner {

    /** Every section, in the order {@code run all} runs them. */
    static final Map<String, Supplier<Section>> SECTIONS = sections();

    /** What {@code run all} runs: every section but the soak, which takes half an hour and runs when named. */
    private static final List<String> ALL = SECTIONS.keySet().stream().filter(n -> !n.equals(SoakSection.NAME)).toList();

    private Runner() {
    }

    private static Map<String, Supplier<Section>> sections() {
        Map<String, Supplier<Section>> sections = new LinkedHashMap<>();
        sections.put("screening", ScreeningSection::new);
        sections.put("ingest", IngestSection::new);
        sections.put("search", SearchSection::new);
        sections.put("pages", PagesSection::new);
        sections.put("trends", TrendsSection::new);
        sections.put("footprint", FootprintSection::new);
        sections.put(SoakSection.NAME, SoakSection::new);
        return sections;
    }

    static void run(Options options) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 1; !options.word(i, "").isEmpty(); i++) {
            names.add(options.word(i, ""));
        }
        if (names.isEmpty() || names.contains("all")) {
            List<String> named = names;
            names = new ArrayList<>(ALL);
            SECTIONS.keySet().stream().filter(n -> named.contains(n) && !ALL.contains(n)).forEach(names::add);
        }
        for (String name : names) {
            if (!SECTIONS.containsKey(name)) {
                throw new IllegalArgumentException("unknown section " + name + "; sections are " + SECTIONS.keySet());
            }
        }
        Report report = new Report();
        BenchContext context = new BenchContext(options, report,
                Path.of(System.getProperty("earshot.build.dir", "target")).toAbsolutePath());
        String machine = Machine.describe();
        System.out.println("machine: " + machine);
        Instant started = Instant.now();
        for (String name : names) {
            Instant sectionStart = Instant.now();
            System.out.println("== " + name);
            double loadBefore = loadAverage();
            SECTIONS.get(name).get().run(context);
            long seconds = Duration.between(sectionStart, Instant.now()).toSeconds();
            report.note(name, String.format(Locale.ROOT, "took %d s; load average (1 min) %.1f at its start, %.1f at its"
                    + " end, on %d cores", seconds, loadBefore, loadAverage(), Runtime.getRuntime().availableProcessors()));
        }
        Duration took = Duration.between(started, Instant.now());
        String command = "bench/run run " + String.join(" ", argsOf(options, names));
        System.out.println();
        System.out.println(report.markdown());
        System.out.println("took " + took.toMinutes() + " min " + took.toSecondsPart() + " s");
        if (options.flag("write-doc")) {
            Path doc = ResultsDoc.write(Path.of("docs/benchmarks.md"), machine, command, started, took, report);
            System.out.println("wrote the results into " + doc);
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static List<String> argsOf(Options options, List<String> names) {
        List<String> args = new ArrayList<>(names.containsAll(ALL) ? List.of("all") : names);
        if (names.containsAll(ALL)) {
            names.stream().filter(n -> !ALL.contains(n)).forEach(args::add);
        }
        for (String option : List.of("posts", "runs", "seed", "search-posts", "pages-posts", "ingest-posts",
                "screening-posts", "agents", "warmup", "window", "trends-sizes", "soak-minutes", "soak-rate")) {
            if (options.has(option)) {
                args.add("--" + option + " " + options.string(option, ""));
            }
        }
        for (String flag : List.of("jfr", "trends-rebuild-check", "write-doc")) {
            if (options.flag(flag)) {
                args.add("--" + flag);
            }
        }
        return args;
    }
}
