/**
 * Trends: how much is said, when, and what with it; spikes become alerts.
 *
 * <ul>
 * <li>{@link io.earshot.trends.Rollups} holds counts of every stored message per rule, hashtag and
 * word in UTC minute, hour, day and week tables. {@link io.earshot.trends.PendingRollups} (it
 * observes {@link io.earshot.conversation.MessagesStored}) records new messages in
 * {@code trend_pending} in the transaction that stores them and counts them a second or two later,
 * exactly once; a replay stores nothing and so counts nothing. {@code POST /api/admin/reindex}
 * rebuilds the rollups from the messages.</li>
 * <li>{@link io.earshot.trends.TrendService} answers {@code GET /api/trends} (and its CSV twin) in
 * buckets aligned to the asked time zone, each cut into whole days, hours and minutes of the rollups
 * ({@link io.earshot.trends.RollupSpan}), all series of a request in one statement per table; free
 * queries ({@code q:}) are counted by the index from the {@code created} doc values.</li>
 * <li>{@link io.earshot.trends.TopService} ranks hashtags, mentions, authors, URLs and languages of
 * a query's posts, or their significant words, against the previous period; the hashtags of all
 * posts are summed from the rollups ({@link io.earshot.trends.RollupTop}).</li>
 * <li>{@link io.earshot.trends.SpikeDetector} compares each rule's closed hours with an EWMA
 * baseline and stores {@link io.earshot.trends.TrendAlert}s ({@code GET /api/alerts}, Kafka
 * {@code earshot.alerts}).</li>
 * <li>{@link io.earshot.trends.RuleWorkbench} dry-runs a rule query over stored history
 * ({@code POST /api/rules/dry-run}); {@code GET /api/rules/stats} gives each rule's sparkline.</li>
 * </ul>
 *
 * <p>Lucene stays in {@code search}: this package reaches the index through
 * {@link io.earshot.search.TrendSearcher} and words through {@link io.earshot.search.PostTerms}.
 * See {@code docs/trends.md}.
 */
package io.earshot.trends;
