package io.earshot.trends;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.earshot.conversation.Message;
import io.earshot.ingest.IngestPipeline;
import io.earshot.search.IndexRebuilt;
import io.earshot.search.TrendSearcher;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The volume rollups: per rule, hashtag and word, counts of stored messages by creation time, kept
 * per UTC minute, hour, day and week. Stored messages are counted a second or two after they commit
 * ({@link PendingRollups}; a replay, which stores nothing, adds nothing), and every read here counts
 * what this instance has stored first; a reindex rebuilds them from the messages.
 */
@ApplicationScoped
public class Rollups {

    private static final int REBUILD_PAGE = 2_000;

    @Inject
    EntityManager em;

    @Inject
    IngestPipeline pipeline;

    @Inject
    PendingRollups pending;

    /** The counts of one rollup series in the buckets {@code bounds} (every bound on the grain). */
    long[] read(String series, RollupGrain grain, long[] bounds) {
        List<RollupSpan> span = bounds.length < 2 ? List.of()
                : List.of(new RollupSpan(grain, bounds[0], bounds[bounds.length - 1]));
        Map<String, long[]> counts = empty(List.of(series), bounds);
        pending.foldBeforeRead();
        QuarkusTransaction.joiningExisting().run(() -> read(new RollupTables(em), List.of(series), span, bounds, counts));
        return counts.get(series);
    }

    /**
     * The counts of each rollup series in the buckets {@code [bounds[i], bounds[i + 1])}, from the
     * fewest rows its grains allow ({@link RollupSpan#cover(long[], RollupGrain)}): one
     * transaction, one statement per table read.
     */
    Map<String, long[]> read(Collection<String> series, long[] bounds) {
        Map<String, long[]> counts = empty(series, bounds);
        pending.foldBeforeRead();
        Map<RollupGrain, List<String>> byCoarsest = new EnumMap<>(RollupGrain.class);
        series.forEach(s -> byCoarsest.computeIfAbsent(RollupTables.coarsest(s), g -> new ArrayList<>()).add(s));
        QuarkusTransaction.joiningExisting().run(() -> {
            RollupTables tables = new RollupTables(em);
            byCoarsest.forEach((coarsest, names) -> read(tables, names, RollupSpan.cover(bounds, coarsest), bounds,
                    counts));
        });
        return counts;
    }

    private static Map<String, long[]> empty(Collection<String> series, long[] bounds) {
        Map<String, long[]> counts = new HashMap<>();
        series.forEach(s -> counts.put(s, new long[Math.max(0, bounds.length - 1)]));
        return counts;
    }

    private static void read(RollupTables tables, Collection<String> series, List<RollupSpan> spans, long[] bounds,
            Map<String, long[]> counts) {
        for (RollupGrain grain : RollupGrain.values()) {
            List<RollupTables.Part> parts = spans.stream().filter(s -> s.grain() == grain)
                    .map(s -> new RollupTables.Part(s.from(), s.to())).toList();
            if (!parts.isEmpty()) {
                tables.rows(grain, series, parts, (name, start, n) -> {
                    int at = Arrays.binarySearch(bounds, start);
                    counts.get(name)[at >= 0 ? at : -at - 2] += n;
                });
            }
        }
    }

    /**
     * The {@code limit} series of a kind ({@code hashtag}) most counted in {@code [from, to)}, with
     * their counts in the period of the same length before; both bounds on whole minutes.
     */
    List<TrendSearcher.ValueCount> top(String kind, long from, long to, int limit) {
        pending.foldBeforeRead();
        return QuarkusTransaction.joiningExisting().call(() -> RollupTop.of(new RollupTables(em), kind, from, to, limit));
    }

    /** The start of the newest minute this series counted a post in, or null. */
    Instant newestMinute(String series) {
        pending.foldBeforeRead();
        return QuarkusTransaction.joiningExisting().call(() -> new RollupTables(em).newest(series));
    }

    void rebuildWithIndex(@Observes IndexRebuilt rebuilt) {
        rebuild();
    }

    /**
     * Recounts every rollup from the stored messages while no ingest batch of this instance commits;
     * answers how many messages were counted. Other instances sharing the database should not ingest
     * meanwhile (see {@code docs/trends.md}).
     */
    public long rebuild() {
        return pipeline.betweenBatches(() -> pending.recounting(() -> {
            long started = System.nanoTime();
            QuarkusTransaction.requiringNew().run(() -> new RollupTables(em).clear());
            long after = 0;
            long total = 0;
            while (true) {
                long from = after;
                List<Message> page = QuarkusTransaction.requiringNew().call(() -> {
                    List<Message> messages = Message.after(from, REBUILD_PAGE);
                    pending.countStored(messages);
                    return messages;
                });
                if (page.isEmpty()) {
                    break;
                }
                total += page.size();
                after = page.get(page.size() - 1).id;
            }
            Log.infof("Trend rollups rebuilt from %d messages in %d ms", total, (System.nanoTime() - started) / 1_000_000);
            return total;
        }));
    }
}
