package io.earshot.conversation;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * How many of a conversation's messages each teammate has seen; the queue marks it unread while it
 * holds more. Counting messages rather than comparing times keeps imported old posts from hiding as
 * "read". Plain SQL: one row per (user, conversation), upserted on every view.
 */
public final class ReadMark {

    private ReadMark() {
    }

    /** Records that {@code username} has seen the conversation's first {@code messages} messages. */
    public static void seen(String username, long conversationId, int messages, Instant at) {
        var em = Panache.getEntityManager();
        int updated = em.createNativeQuery("update conversation_read set seen_messages = ?1, read_at = ?2"
                + " where username = ?3 and conversation_id = ?4").setParameter(1, messages).setParameter(2, at)
                .setParameter(3, username).setParameter(4, conversationId).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("insert into conversation_read (username, conversation_id, seen_messages, read_at)"
                    + " values (?1, ?2, ?3, ?4)").setParameter(1, username).setParameter(2, conversationId)
                    .setParameter(3, messages).setParameter(4, at).executeUpdate();
        }
    }

    /** How many messages {@code username} has seen of each of these conversations; unseen ones are absent. */
    public static Map<Long, Integer> of(String username, Collection<Long> conversationIds) {
        Map<Long, Integer> seen = new HashMap<>();
        if (conversationIds.isEmpty()) {
            return seen;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("select conversation_id, seen_messages"
                + " from conversation_read where username = ?1 and conversation_id = any(?2)")
                .setParameter(1, username).setParameter(2, conversationIds.toArray(Long[]::new)).getResultList();
        for (Object[] row : rows) {
            seen.put(((Number) row[0]).longValue(), ((Number) row[1]).intValue());
        }
        return seen;
    }
}
