package io.earshot.conversation;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import io.earshot.post.PostKey;

/**
 * The batch look-ups of threading: one query per question for a whole batch of posts.
 *
 * <p>Ids travel as one array parameter ({@code = any(?)}) rather than an {@code IN} list of many
 * parameters: PostgreSQL caches a generic plan for a prepared statement, and for a long
 * {@code IN ($1..$1000)} list that plan is a sequential scan (measured: 2.5 s at 80k messages,
 * against under a millisecond through the index with an array). H2 runs the same SQL.
 */
final class PostLookups {

    private final EntityManager em;

    PostLookups(EntityManager em) {
        this.em = em;
    }

    /**
     * Keeps the rest of the caller's transaction off sequential scans, on PostgreSQL. Each look-up
     * here hands the planner dozens to thousands of ids; without fresh column statistics (autovacuum
     * off, or a table that grew since it was last analysed, as {@code held_reply} does during any
     * large ingest) PostgreSQL assumes 0.5% of the rows match each id, and from about 40 ids on it
     * reads the whole table instead of the index. Measured in one benchmark run: 1,140 sequential
     * scans of {@code held_reply} reading 66 million rows (two a batch), and 257 of
     * {@code conversation_rule} behind the conversations' fetch join, while each batch needs a few
     * thousand index entries. Every query of the writer's transaction has an index to use.
     */
    void throughIndexes() {
        em.unwrap(Session.class).doWork(connection -> {
            if (BulkInsert.isPostgres(connection)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set local enable_seqscan = off");
                }
            }
        });
    }

    /** The conversation of each of these posts that is stored. */
    Map<PostKey, Long> conversationsOf(Collection<PostKey> keys) {
        Map<PostKey, Long> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        Set<PostKey> wanted = new HashSet<>(keys);
        for (Object[] r : rows("select platform, external_id, conversation_id from message where external_id = any(?1)",
                externalIds(keys))) {
            PostKey key = new PostKey((String) r[0], (String) r[1]);
            if (wanted.contains(key)) {
                found.put(key, ((Number) r[2]).longValue());
            }
        }
        return found;
    }

    /** For stored replies to these posts: the parent's key to the reply's conversation. */
    Map<PostKey, Long> childConversations(Collection<PostKey> parents) {
        Map<PostKey, Long> found = new HashMap<>();
        if (parents.isEmpty()) {
            return found;
        }
        Set<PostKey> wanted = new HashSet<>(parents);
        for (Object[] r : rows("select platform, in_reply_to, conversation_id from message where in_reply_to = any(?1)",
                externalIds(parents))) {
            PostKey parent = new PostKey((String) r[0], (String) r[1]);
            if (wanted.contains(parent)) {
                found.put(parent, ((Number) r[2]).longValue());
            }
        }
        return found;
    }

    /** Which of these posts are already held. */
    Set<PostKey> held(Collection<PostKey> keys) {
        Set<PostKey> found = new HashSet<>();
        if (keys.isEmpty()) {
            return found;
        }
        for (Object[] r : rows("select platform, external_id from held_reply where external_id = any(?1)",
                externalIds(keys))) {
            found.add(new PostKey((String) r[0], (String) r[1]));
        }
        found.retainAll(new HashSet<>(keys));
        return found;
    }

    /** Held replies to these posts. */
    @SuppressWarnings("unchecked")
    List<HeldReply> heldRepliesTo(Collection<PostKey> parents) {
        if (parents.isEmpty()) {
            return List.of();
        }
        Set<PostKey> wanted = new HashSet<>(parents);
        List<HeldReply> replies = em.createNativeQuery("select * from held_reply where in_reply_to = any(?1)",
                HeldReply.class).setParameter(1, externalIds(parents)).getResultList();
        return replies.stream().filter(h -> wanted.contains(new PostKey(h.platform, h.inReplyTo))).toList();
    }

    void deleteHeld(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            em.createNativeQuery("delete from held_reply where id = any(?1)")
                    .setParameter(1, ids.toArray(Long[]::new)).executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, String[] ids) {
        return em.createNativeQuery(sql).setParameter(1, ids).getResultList();
    }

    private static String[] externalIds(Collection<PostKey> keys) {
        return keys.stream().map(PostKey::externalId).distinct().toArray(String[]::new);
    }
}
