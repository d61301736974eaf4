package io.earshot.conversation;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * Writes a batch's new messages and their rule rows with plain JDBC batches, in the caller's
 * transaction. Ingest writes thousands of messages a second that nothing reads back in the same
 * transaction; managing them as entities cost more than the inserts themselves (measured: the
 * Hibernate flush of a 1,000-post batch took about 80 ms of its 230).
 *
 * <p>Ids come from {@code message_seq} through a {@link SequenceBlock}.
 */
final class MessageInserts {

    private static final String INSERT_MESSAGE = "insert into message (id, conversation_id, platform, external_id,"
            + " in_reply_to, direction, author_handle, author_name, author_followers, text, created_at, lang, url,"
            + " hashtags, mentions, cashtags, urls, raw, received_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_RULE = "insert into message_rule (message_id, rule_id) values (?, ?)";

    private final Session session;
    private final SequenceBlock ids;
    private final List<Message> pending = new ArrayList<>();

    MessageInserts(EntityManager em) {
        this.session = em.unwrap(Session.class);
        this.ids = new SequenceBlock(session, "message_seq");
    }

    /** Gives the message its id and queues it for {@link #flush()}. */
    void add(Message message) {
        message.id = ids.nextId();
        pending.add(message);
    }

    /** Inserts everything queued, in two JDBC batches. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        session.doWork(connection -> {
            try (PreparedStatement messages = connection.prepareStatement(INSERT_MESSAGE);
                    PreparedStatement rules = connection.prepareStatement(INSERT_RULE)) {
                for (Message m : pending) {
                    bind(messages, m);
                    messages.addBatch();
                    for (Long ruleId : m.ruleIds) {
                        rules.setLong(1, m.id);
                        rules.setLong(2, ruleId);
                        rules.addBatch();
                    }
                }
                messages.executeBatch();
                rules.executeBatch();
            }
        });
        pending.clear();
    }

    private static void bind(PreparedStatement s, Message m) throws SQLException {
        s.setLong(1, m.id);
        s.setLong(2, m.conversationId);
        s.setString(3, m.platform);
        s.setString(4, m.externalId);
        s.setString(5, m.inReplyTo);
        s.setString(6, m.direction.name());
        s.setString(7, m.authorHandle);
        s.setString(8, m.authorName);
        if (m.authorFollowers == null) {
            s.setNull(9, Types.BIGINT);
        } else {
            s.setLong(9, m.authorFollowers);
        }
        s.setString(10, m.text);
        s.setObject(11, utc(m.createdAt));
        s.setString(12, m.lang);
        s.setString(13, m.url);
        s.setString(14, m.hashtags);
        s.setString(15, m.mentions);
        s.setString(16, m.cashtags);
        s.setString(17, m.urls);
        s.setString(18, m.raw);
        s.setObject(19, utc(m.receivedAt));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
