package io.earshot.trends;

import java.util.Set;

import io.earshot.conversation.Message;

/**
 * The columns of a stored message that the rollups count, and nothing else: messages wait in memory
 * for a fold ({@link PendingRollups}), and a whole entity (with its raw JSON) would hold far more.
 */
record CountedMessage(long id, long createdAt, Set<Long> ruleIds, String hashtags, String text) {

    /** Roughly what it holds in memory: the strings' characters, the rule ids, the objects around them. */
    long estimatedBytes() {
        return 96L + 2L * (text == null ? 0 : text.length()) + 2L * (hashtags == null ? 0 : hashtags.length())
                + 32L * ruleIds.size();
    }

    static CountedMessage of(Message m) {
        return new CountedMessage(m.id, m.createdAt.toEpochMilli(), Set.copyOf(m.ruleIds), m.hashtags, m.text);
    }
}
