package io.earshot.trends;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.earshot.testing.Api;

/** Tiny factories for trend tests: letter-only unique words, posts at a chosen time, bulk ingest. */
final class Corpus {

    private Corpus() {
    }

    /** A word of 10 lowercase letters no other test uses (trend words are letters only). */
    static String word() {
        StringBuilder w = new StringBuilder("q");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 11; i++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        return w.toString();
    }

    /** A post envelope on platform x created at {@code createdAt}. */
    static String post(String text, Instant createdAt) {
        return "{\"id\":\"" + Api.uniqueId() + "\",\"platform\":\"x\",\"author\":{\"handle\":\"trender\"},\"text\":\""
                + text + "\",\"created_at\":\"" + createdAt + "\",\"lang\":\"en\"}";
    }

    /**
     * Plants an hourly series: {@code perHour} posts "{@code word} hello" an hour for {@code hours} hours from
     * {@code from}, then {@code last} posts in the hour after (a spike when {@code last} is well above {@code perHour}).
     */
    static void hourly(String word, Instant from, int hours, int perHour, int last) {
        List<String> lines = new ArrayList<>();
        for (int h = 0; h <= hours; h++) {
            int n = h == hours ? last : perHour;
            for (int i = 0; i < n; i++) {
                lines.add(post(word + " hello", from.plus(Duration.ofHours(h)).plusSeconds(i * 30L)));
            }
        }
        ingest(lines);
    }

    /** Posts the lines in batches of 500. */
    static void ingest(List<String> lines) {
        for (int from = 0; from < lines.size(); from += 500) {
            List<String> batch = new ArrayList<>(lines.subList(from, Math.min(lines.size(), from + 500)));
            Api.ndjson(batch.toArray(String[]::new));
        }
    }
}
