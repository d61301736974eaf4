package io.earshot.search;

import java.util.Set;

import io.earshot.post.Post;

/** A stored message as the index needs it: its identity, its conversation and the rules it matched. */
public record IndexedMessage(long messageId, long conversationId, String direction, Post post, Set<Long> ruleIds) {
}
