package io.earshot.conversation;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * When each teammate last looked at a conversation; the queue marks it unread when activity came after.
 * Plain SQL: one row per (user, conversation), upserted on every view.
 */
public final class ReadMark {

    private ReadMark() {
    }

    /** Records that {@code username} has seen the conversation as of {@code at}. */
    public static void seen(String username, long conversationId, Instant at) {
        var em = Panache.getEntityManager();
        int updated = em.createNativeQuery(
                "update conversation_read set read_at = ?1 where username = ?2 and conversation_id = ?3")
                .setParameter(1, at).setParameter(2, username).setParameter(3, conversationId).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("insert into conversation_read (username, conversation_id, read_at) values (?1, ?2, ?3)")
                    .setParameter(1, username).setParameter(2, conversationId).setParameter(3, at).executeUpdate();
        }
    }

    /** When {@code username} last saw each of these conversations; unseen ones are absent. */
    public static Map<Long, Instant> of(String username, Collection<Long> conversationIds) {
        Map<Long, Instant> seen = new HashMap<>();
        if (conversationIds.isEmpty()) {
            return seen;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
                "select conversation_id, read_at from conversation_read where username = ?1 and conversation_id = any(?2)")
                .setParameter(1, username).setParameter(2, conversationIds.toArray(Long[]::new)).getResultList();
        for (Object[] row : rows) {
            seen.put(((Number) row[0]).longValue(), toInstant(row[1]));
        }
        return seen;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
