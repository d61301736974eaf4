package io.earshot.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Writes the latest table into {@code docs/benchmarks.md}, between its two results markers. */
final class ResultsDoc {

    static final String START = "<!-- bench:results:start -->";
    static final String END = "<!-- bench:results:end -->";

    private ResultsDoc() {
    }

    private static boolean shared() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                > Runtime.getRuntime().availableProcessors();
    }

    static Path write(Path doc, String machine, String command, Instant started, Duration took, Report report)
            throws IOException {
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException(doc + " has no " + START + " ... " + END + " markers");
        }
        String shared = shared() ? "**The machine was shared** (load average above the core count): other work"
                + " took part of the CPU, so throughputs and latencies are below what it gives idle; ratios measured in"
                + " the same run are the more telling figures.\n\n" : "";
        String results = START + "\n\nRun " + started.truncatedTo(ChronoUnit.SECONDS) + " (" + took.toMinutes()
                + " min), `" + command + "`, on " + machine + ".\n\n" + shared + report.markdown() + "\n";
        Files.writeString(doc, text.substring(0, start) + results + text.substring(end), StandardCharsets.UTF_8);
        return doc;
    }
}
