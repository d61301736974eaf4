package io.earshot.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/** Where a flight recording says the CPU went: execution samples by top frame and by first Earshot frame. */
final class Profile {

    private Profile() {
    }

    static String summary(Path recording, int top) throws IOException {
        Map<String, Integer> leaf = new HashMap<>();
        Map<String, Integer> earshot = new HashMap<>();
        int total = 0;
        // Read one event at a time: the soak's half-hour recording does not fit in the benchmark's heap at once.
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                total++;
                leaf.merge(name(frames.get(0)), 1, Integer::sum);
                String first = frames.stream().map(Profile::name).filter(n -> n.startsWith("io.earshot.")).findFirst()
                        .orElse("(no Earshot frame: " + name(frames.get(frames.size() - 1)) + ")");
                earshot.merge(first, 1, Integer::sum);
            }
        }
        int samples = total;
        return samples + " execution samples. By first Earshot frame: " + top(earshot, samples, top)
                + ". By top frame: " + top(leaf, samples, top) + ".";
    }

    private static String top(Map<String, Integer> counts, int total, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .map(e -> String.format("`%s` %.1f%%", e.getKey(), 100.0 * e.getValue() / total))
                .collect(Collectors.joining(", "));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
