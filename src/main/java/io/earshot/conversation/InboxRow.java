package io.earshot.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.earshot.conversation.ConversationViews.RuleRef;

/**
 * One row of the inbox queue: who started the conversation, its first line, why it is in the inbox
 * (rule chips) and its triage state, with whether the viewer has seen its latest activity.
 *
 * @param signature the first post's near-duplicate signature ({@link SimilarPosts}) when the queue is
 *        grouped by similar posts, otherwise null
 */
public record InboxRow(long id, String author, String firstLine, List<RuleRef> rules, Set<String> tags,
        String status, String priority, String assignee, int messageCount, Instant lastActivityAt, boolean unread,
        String signature) {
}
