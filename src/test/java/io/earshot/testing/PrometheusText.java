package io.earshot.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of the Prometheus text the app serves at {@code /q/metrics}. */
public final class PrometheusText {

    /** One sample line: its labels as written between the braces (empty when it has none) and its value. */
    public record Sample(String labels, double value) {
    }

    private PrometheusText() {
    }

    /** Every sample of the metric {@code name}, in the order of the text. */
    public static List<Sample> samples(String text, String name) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? ([0-9.eE+-]+)$",
                Pattern.MULTILINE);
        List<Sample> samples = new ArrayList<>();
        Matcher m = line.matcher(text);
        while (m.find()) {
            samples.add(new Sample(m.group(1) == null ? "" : m.group(1), Double.parseDouble(m.group(2))));
        }
        return samples;
    }

    /** The sum of the metric's samples whose labels contain {@code labelFilter} (every sample for ""). */
    public static double sum(String text, String name, String labelFilter) {
        return samples(text, name).stream().filter(s -> s.labels().contains(labelFilter))
                .mapToDouble(Sample::value).sum();
    }
}
