package io.earshot.trends;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.earshot.conversation.Message;
import io.earshot.conversation.MessagesStored;
import io.earshot.ingest.IngestPipeline;
import io.earshot.search.IndexRebuilt;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The volume rollups: per rule, hashtag and word, counts of stored messages by creation time, kept
 * per UTC minute, hour and day. Ingest adds to them in the transaction that stores the messages
 * (so a replay, which stores nothing, adds nothing); a reindex rebuilds them from the messages.
 */
@ApplicationScoped
public class Rollups {

    private static final int REBUILD_PAGE = 2_000;

    @Inject
    EntityManager em;

    @Inject
    TrendsConfig config;

    @Inject
    IngestPipeline pipeline;

    /** Counts a batch's new messages, in the batch's transaction. */
    void count(@Observes MessagesStored stored) {
        RollupDelta delta = new RollupDelta(config.wordsPerPost());
        stored.messages().forEach(delta::add);
        new RollupTables(em).add(delta);
    }

    /** The counts of one rollup series in the buckets {@code bounds} (every bound on the grain). */
    long[] read(String series, RollupGrain grain, long[] bounds) {
        return QuarkusTransaction.joiningExisting().call(() -> new RollupTables(em).read(series, grain, bounds));
    }

    /** The start of the newest minute this series counted a post in, or null. */
    Instant newestMinute(String series) {
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
        return pipeline.betweenBatches(() -> {
            long started = System.nanoTime();
            QuarkusTransaction.requiringNew().run(() -> new RollupTables(em).clear());
            long after = 0;
            long total = 0;
            while (true) {
                long from = after;
                List<Message> page = QuarkusTransaction.requiringNew().call(() -> {
                    List<Message> messages = Message.after(from, REBUILD_PAGE);
                    RollupDelta delta = new RollupDelta(config.wordsPerPost());
                    messages.forEach(delta::add);
                    new RollupTables(em).add(delta);
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
        });
    }
}
