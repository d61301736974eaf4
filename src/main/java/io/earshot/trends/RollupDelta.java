package io.earshot.trends;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.earshot.conversation.Message;
import io.earshot.search.PostTerms;

/**
 * The rollup increments of a set of messages, summed in memory so a batch writes each
 * (series, bucket) once. Counted from the stored columns only (rule ids, {@code hashtags},
 * {@code text}, {@code created_at}), so a rebuild from the database counts exactly what ingest did.
 *
 * <p>Rules and hashtags are counted at every grain; words per UTC day only (a word series in finer
 * or differently aligned buckets is counted by the index instead): words are nearly all the rows,
 * and per hour they made a 100k-post import several times slower on H2.
 */
final class RollupDelta {

    /** Longest hashtag or word kept as a series (the column holds 200 characters). */
    static final int MAX_VALUE_LENGTH = 190;

    /** A series in a bucket. */
    record Cell(String series, long bucketStart) {
    }

    private final int wordsPerPost;
    private final Map<RollupGrain, Map<Cell, Long>> counts = new EnumMap<>(RollupGrain.class);

    RollupDelta(int wordsPerPost) {
        this.wordsPerPost = wordsPerPost;
        for (RollupGrain grain : RollupGrain.values()) {
            counts.put(grain, new HashMap<>());
        }
    }

    void add(Message m) {
        long created = m.createdAt.toEpochMilli();
        for (Long ruleId : m.ruleIds) {
            addEverywhere(SeriesKey.ruleSeries(ruleId), created);
        }
        if (m.hashtags != null) {
            Set<String> tags = new HashSet<>();
            for (String tag : m.hashtags.split(" ")) {
                String folded = tag.toLowerCase(Locale.ROOT);
                if (!folded.isEmpty() && folded.length() <= MAX_VALUE_LENGTH && tags.add(folded)) {
                    addEverywhere(SeriesKey.Kind.HASHTAG.seriesPrefix() + folded, created);
                }
            }
        }
        for (String word : PostTerms.of(m.text, wordsPerPost)) {
            add(RollupGrain.DAY, SeriesKey.Kind.TERM.seriesPrefix() + word, created);
        }
    }

    private void addEverywhere(String series, long created) {
        for (RollupGrain grain : RollupGrain.values()) {
            add(grain, series, created);
        }
    }

    private void add(RollupGrain grain, String series, long created) {
        counts.get(grain).merge(new Cell(series, grain.floor(created)), 1L, Long::sum);
    }

    Map<Cell, Long> at(RollupGrain grain) {
        return counts.get(grain);
    }

    boolean isEmpty() {
        return counts.values().stream().allMatch(Map::isEmpty);
    }
}
