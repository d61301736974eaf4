package io.earshot.conversation;

import java.util.Set;

/**
 * A CDI event fired when conversations are created or changed: by ingest (new conversations and
 * new messages), triage, notes and replies. Observers that push to browsers listen with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}, so nobody sees a change that rolled back.
 *
 * @param conversationIds the conversations affected, never empty
 * @param change what happened, for the live queue: {@code created}, {@code message}, {@code triage},
 *        {@code note}, {@code reply}, {@code delivery}
 * @param actor the username who made the change, or {@code null} for ingest
 */
public record ConversationsChanged(Set<Long> conversationIds, String change, String actor) {

    public ConversationsChanged {
        conversationIds = Set.copyOf(conversationIds);
        if (conversationIds.isEmpty()) {
            throw new IllegalArgumentException("a change names at least one conversation");
        }
    }
}
