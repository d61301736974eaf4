package io.earshot.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU seconds used so far by the app's process, by PostgreSQL's processes and by everything else on
 * the machine (the Kafka broker, the benchmark itself), read from {@code /proc}: on a machine where
 * the load generator, the broker and the database share the app's cores, a rate alone does not say
 * who had the CPU.
 */
record CpuTime(double app, double postgres, double machine) {

    /** The clock ticks per second of {@code /proc/<pid>/stat} and {@code /proc/stat} on Linux. */
    private static final double TICKS = 100.0;

    static CpuTime now(long appPid) {
        double app = 0;
        double postgres = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"));
                } catch (IOException e) {
                    continue; // the process ended while we looked
                }
                double seconds = seconds(stat);
                if (Long.parseLong(process.getFileName().toString()) == appPid) {
                    app = seconds;
                } else if (stat.contains("(postgres)")) {
                    postgres += seconds;
                }
            }
            return new CpuTime(app, postgres, machineSeconds());
        } catch (IOException e) {
            return new CpuTime(0, 0, 0);
        }
    }

    /** utime + stime of one {@code /proc/<pid>/stat} line (fields 14 and 15, counted after the command). */
    private static double seconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
    }

    /** Busy time of all cores: user, nice, system, irq, softirq, steal of the {@code cpu} line. */
    private static double machineSeconds() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] { 1, 2, 3, 6, 7, 8 }) {
            busy += Long.parseLong(cpu[i]);
        }
        return busy / TICKS;
    }

    /** "CPU: app 61.0 s, PostgreSQL 15.2 s, the rest 12.9 s, of 91.8 s available (2 cores × 45.9 s)" between two readings. */
    static String between(CpuTime before, CpuTime after, double wallSeconds) {
        double app = after.app - before.app;
        double postgres = after.postgres - before.postgres;
        double machine = after.machine - before.machine;
        return String.format(Locale.ROOT, "CPU: app %.1f s, PostgreSQL %.1f s, the rest %.1f s, of %.1f s available (%d cores × %.1f s)",
                app, postgres, Math.max(0, machine - app - postgres),
                wallSeconds * Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors(), wallSeconds);
    }
}
