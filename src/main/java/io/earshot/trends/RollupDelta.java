package io.earshot.trends;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.earshot.search.PostTerms;

/**
 * The rollup increments of a set of messages, summed in memory so a batch writes each
 * (series, bucket) once. Counted from the stored columns only (rule ids, {@code hashtags},
 * {@code text}, {@code created_at}), so a rebuild from the database counts exactly what ingest did.
 *
 * <p>Each kind is counted at the grains {@link RollupTables#keeps} names: rules and hashtags at every
 * grain, words per UTC day only (a word series in finer or differently aligned buckets is counted
 * by the index instead): words are nearly all the rows, and per hour they made a 100k-post import
 * several times slower on H2.
 */
final class RollupDelta {

    /** Longest hashtag or word kept as a series (the column holds 200 characters). */
    static final int MAX_VALUE_LENGTH = 190;

    private static final List<RollupGrain> RULE_GRAINS = grains(SeriesKey.Kind.RULE);
    private static final List<RollupGrain> HASHTAG_GRAINS = grains(SeriesKey.Kind.HASHTAG);
    private static final List<RollupGrain> WORD_GRAINS = grains(SeriesKey.Kind.TERM);

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

    void add(CountedMessage m) {
        long created = m.createdAt();
        for (Long ruleId : m.ruleIds()) {
            add(RULE_GRAINS, SeriesKey.ruleSeries(ruleId), created);
        }
        if (m.hashtags() != null) {
            Set<String> tags = new HashSet<>();
            for (String tag : m.hashtags().split(" ")) {
                String folded = tag.toLowerCase(Locale.ROOT);
                if (!folded.isEmpty() && folded.length() <= MAX_VALUE_LENGTH && tags.add(folded)) {
                    add(HASHTAG_GRAINS, SeriesKey.Kind.HASHTAG.seriesPrefix() + folded, created);
                }
            }
        }
        for (String word : PostTerms.of(m.text(), wordsPerPost)) {
            add(WORD_GRAINS, SeriesKey.Kind.TERM.seriesPrefix() + word, created);
        }
    }

    /** The grains a kind's series are counted at, asked once rather than per post. */
    private static List<RollupGrain> grains(SeriesKey.Kind kind) {
        return Arrays.stream(RollupGrain.values()).filter(g -> RollupTables.keeps(g, kind.seriesPrefix())).toList();
    }

    private void add(List<RollupGrain> grains, String series, long created) {
        for (RollupGrain grain : grains) {
            counts.get(grain).merge(new Cell(series, grain.floor(created)), 1L, Long::sum);
        }
    }

    Map<Cell, Long> at(RollupGrain grain) {
        return counts.get(grain);
    }

    boolean isEmpty() {
        return counts.values().stream().allMatch(Map::isEmpty);
    }
}
