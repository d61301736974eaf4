package io.earshot.trends;

import java.sql.SQLException;

import io.earshot.conversation.Message;

/**
 * The benchmark's door to the app's own rollup counting ({@link RollupDelta}, package-private):
 * the trends section builds a 10M-message database with {@code COPY}, and counts its rollup rows
 * with exactly the code ingest and the reindex rebuild use, so the app answers from the rows it
 * would have written itself.
 */
public final class RollupRows {

    /** Receives one rollup row: its table ({@code trend_minute}, {@code trend_hour}, {@code trend_day}, {@code trend_week},
     * {@code trend_term_day}). */
    @FunctionalInterface
    public interface Sink {
        void row(String table, String series, long bucketStartMillis, long n) throws SQLException;
    }

    private final int wordsPerPost;
    private RollupDelta delta;

    /** @param wordsPerPost {@code earshot.trends.words-per-post} of the app that will read the rows */
    public RollupRows(int wordsPerPost) {
        this.wordsPerPost = wordsPerPost;
        this.delta = new RollupDelta(wordsPerPost);
    }

    /** The start of the rollup week (Monday 00:00 UTC) holding {@code epochMillis}. */
    public static long weekOf(long epochMillis) {
        return RollupGrain.WEEK.floor(epochMillis);
    }

    /** Counts a message (reads its {@code createdAt}, {@code ruleIds}, {@code hashtags} and {@code text}). */
    public void add(Message message) {
        // The bench's messages have no id: the rollups never read it.
        delta.add(new CountedMessage(0, message.createdAt.toEpochMilli(), message.ruleIds, message.hashtags, message.text));
    }

    /** Hands every row counted since the last drain to {@code sink}, and starts again from nothing. */
    public void drain(Sink sink) throws SQLException {
        for (RollupGrain grain : RollupGrain.values()) {
            for (var cell : delta.at(grain).entrySet()) {
                sink.row(RollupTables.table(grain, cell.getKey().series()), cell.getKey().series(), cell.getKey().bucketStart(), cell.getValue());
            }
        }
        delta = new RollupDelta(wordsPerPost);
    }
}
