package io.earshot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table the sections fill: one row per figure, with its target and whether it was met. */
public final class Report {

    /** A figure: median of the runs with their min and max ({@code min == max} for a single value). */
    public record Row(String section, String measure, double median, double min, double max, String unit,
            String target, Boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** A figure with no target. */
    public synchronized void add(String section, String measure, Samples samples, String unit) {
        add(section, measure, samples, unit, "", null);
    }

    public synchronized void add(String section, String measure, Samples samples, String unit, String target,
            Boolean met) {
        Row row = new Row(section, measure, samples.median(), samples.min(), samples.max(), unit, target, met);
        rows.add(row);
        System.out.println("  " + line(row));
    }

    public synchronized void single(String section, String measure, double value, String unit) {
        add(section, measure, new Samples(new double[] { value }), unit);
    }

    public synchronized void note(String section, String text) {
        notes.add("**" + section + "**: " + text);
        System.out.println("  note: " + text);
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The table and the notes as Markdown. */
    public synchronized String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| section | measure | median | min | max | unit | target | met |\n");
        md.append("|---|---|--:|--:|--:|---|---|---|\n");
        for (Row row : rows) {
            boolean single = row.min() == row.max();
            md.append("| ").append(row.section()).append(" | ").append(row.measure()).append(" | ")
                    .append(number(row.median())).append(" | ").append(single ? "" : number(row.min())).append(" | ")
                    .append(single ? "" : number(row.max())).append(" | ").append(row.unit()).append(" | ")
                    .append(row.target()).append(" | ").append(verdict(row)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }

    private static String line(Row row) {
        String range = row.min() == row.max() ? "" : " (min " + number(row.min()) + ", max " + number(row.max()) + ")";
        String target = row.target().isEmpty() ? "" : "  target " + row.target() + ": " + verdict(row);
        return String.format(Locale.ROOT, "%-10s %-58s %12s %s%s%s", row.section(), row.measure(), number(row.median()),
                row.unit(), range, target);
    }

    private static String verdict(Row row) {
        return row.met() == null ? "" : row.met() ? "met" : "**MISSED**";
    }

    static String number(double value) {
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
