package io.earshot.reply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One delivery attempt of a reply waiting for the relay: written with the reply, marked once on Kafka. */
@Entity
@Table(name = "reply_outbox")
public class OutboxEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "reply_outbox_seq")
    @SequenceGenerator(name = "reply_outbox_seq", sequenceName = "reply_outbox_seq", allocationSize = 50)
    public Long id;

    @Column(name = "reply_id", nullable = false)
    public Long replyId;

    /** When the relay's Kafka transaction holding it committed; null while it waits. */
    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static OutboxEntry add(long replyId, Instant now) {
        OutboxEntry e = new OutboxEntry();
        e.replyId = replyId;
        e.createdAt = now;
        e.persist();
        return e;
    }

    /** The oldest entries not yet published. */
    static List<OutboxEntry> waiting(int limit) {
        return find("publishedAt is null order by id").page(0, limit).list();
    }

    /** Marks entries published where their check matches their reply; answers the replies marked. */
    static List<Long> markPublished(Collection<RelayPosition.Row> rows, Instant at) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, String> checks = new HashMap<>();
        rows.forEach(r -> checks.put(r.outboxId(), r.check()));
        List<Object[]> found = getEntityManager().createQuery("select e.id, r.id, r.externalId from OutboxEntry e, "
                + "Reply r where r.id = e.replyId and e.id in ?1 and e.publishedAt is null", Object[].class)
                .setParameter(1, checks.keySet()).getResultList();
        List<Long> entries = new ArrayList<>();
        List<Long> replies = new ArrayList<>();
        for (Object[] row : found) {
            if (RelayPosition.check((String) row[2]).equals(checks.get((Long) row[0]))) {
                entries.add((Long) row[0]);
                replies.add((Long) row[1]);
            }
        }
        if (!entries.isEmpty()) {
            update("publishedAt = ?1 where id in ?2", at, entries);
        }
        return replies;
    }
}
