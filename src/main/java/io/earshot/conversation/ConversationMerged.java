package io.earshot.conversation;

/**
 * A synchronous CDI event fired inside the ingest transaction just before conversation {@code from}
 * is deleted because it turned out to be part of {@code into}. Observers move the rows they keep
 * for {@code from} (replies, for instance) onto {@code into}.
 */
public record ConversationMerged(long from, long into) {
}
