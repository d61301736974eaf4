package io.earshot.conversation;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;

/** A reply tree of posts in the inbox, with its triage state. */
@Entity
@Table(name = "conversation")
public class Conversation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conversation_seq")
    @SequenceGenerator(name = "conversation_seq", sequenceName = "conversation_seq", allocationSize = 50)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Status status;

    @Column(length = 100)
    public String assignee;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Priority priority;

    @Column(name = "message_count", nullable = false)
    public int messageCount;

    /** The earliest message of the tree that has no parent in it. */
    @Column(name = "root_message_id")
    public Long rootMessageId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_activity_at", nullable = false)
    public Instant lastActivityAt;

    /** The rules that caught any of its messages. */
    @ElementCollection
    @CollectionTable(name = "conversation_rule", joinColumns = @JoinColumn(name = "conversation_id"))
    @Column(name = "rule_id")
    public Set<Long> ruleIds = new HashSet<>();

    @ElementCollection
    @CollectionTable(name = "conversation_tag", joinColumns = @JoinColumn(name = "conversation_id"))
    @Column(name = "tag")
    public Set<String> tags = new HashSet<>();

    /**
     * A page of the queue, newest activity first, after the position {@code after} (null for the first page).
     *
     * @param status only conversations in this status, or all when null
     * @param ruleId only conversations caught by this rule, or all when null
     */
    public static List<Conversation> page(Status status, Long ruleId, QueuePosition after, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        if (ruleId != null) {
            where.append(" and :rule member of ruleIds");
            params.and("rule", ruleId);
        }
        if (after != null) {
            after.restrict(where, params);
        }
        return find(where + " order by lastActivityAt desc, id desc", params).page(0, limit).list();
    }

    /** Ids of the conversations in this triage state; a null argument does not filter. */
    public static Set<Long> idsWith(Status status, String assignee, String tag) {
        StringBuilder where = new StringBuilder("select c.id from Conversation c where 1 = 1");
        Parameters params = new Parameters();
        if (status != null) {
            where.append(" and c.status = :status");
            params.and("status", status);
        }
        if (assignee != null) {
            where.append(" and c.assignee = :assignee");
            params.and("assignee", assignee);
        }
        if (tag != null) {
            where.append(" and :tag member of c.tags");
            params.and("tag", tag);
        }
        var query = getEntityManager().createQuery(where.toString(), Long.class);
        params.map().forEach(query::setParameter);
        return new HashSet<>(query.getResultList());
    }

    /** The conversations with these ids, their rules loaded in the same query. */
    public static List<Conversation> withRules(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return list("select distinct c from Conversation c left join fetch c.ruleIds where c.id in ?1", ids);
    }
}
