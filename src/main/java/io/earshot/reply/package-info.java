/**
 * Outbound replies: what agents write in the inbox leaves through Kafka, exactly once.
 *
 * <p>{@link io.earshot.reply.Replies} stores a reply and an outbox row in one transaction and shows
 * the reply in its thread with its delivery state ({@code queued}, {@code published}, {@code sent},
 * {@code failed}). {@link io.earshot.reply.ReplyRelay} runs {@link io.earshot.reply.OutboxRelay}
 * sessions that publish waiting rows to {@code earshot.replies} in Kafka transactions which also
 * commit the relay's position ({@code sendOffsetsToTransaction}), so a crash at any point leaves each
 * reply on the topic once for {@code read_committed} readers. {@link io.earshot.reply.DeliveryReportSource}
 * reads connectors' reports from {@code earshot.reply-status}. {@link io.earshot.reply.CannedReplies}
 * keeps saved replies with {@code {author}} and {@code {agent}} placeholders. The protocol is
 * described in {@code docs/replies.md}.
 */
package io.earshot.reply;
