package io.earshot.conversation;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One change to a conversation: who did what, from which value to which, and when. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    /** What an audit entry records. Values as stored and shown. */
    public static final String STATUS = "status";
    public static final String ASSIGN = "assign";
    public static final String PRIORITY = "priority";
    public static final String TAG = "tag";
    public static final String UNTAG = "untag";
    public static final String NOTE = "note";
    public static final String REPLY = "reply";
    public static final String RETRY = "retry";

    private static final int MAX_VALUE = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_entry_seq")
    @SequenceGenerator(name = "audit_entry_seq", sequenceName = "audit_entry_seq", allocationSize = 50)
    public Long id;

    @Column(name = "conversation_id", nullable = false)
    public Long conversationId;

    @Column(nullable = false, length = 100)
    public String actor;

    @Column(nullable = false, length = 32)
    public String action;

    @Column(name = "from_value", length = MAX_VALUE)
    public String fromValue;

    @Column(name = "to_value", length = MAX_VALUE)
    public String toValue;

    @Column(nullable = false)
    public Instant at;

    /** Records a change; {@code from} and {@code to} may be null (nothing before, nothing after). */
    public static AuditEntry record(long conversationId, String actor, String action, String from, String to,
            Instant at) {
        AuditEntry e = new AuditEntry();
        e.conversationId = conversationId;
        e.actor = actor;
        e.action = action;
        e.fromValue = cut(from);
        e.toValue = cut(to);
        e.at = at;
        e.persist();
        return e;
    }

    /** The history of a conversation, oldest first. */
    public static List<AuditEntry> ofConversation(long conversationId) {
        return list("conversationId = ?1 order by at, id", conversationId);
    }

    /** A sentence for people: "assigned to kim", "closed", "tagged refund". */
    public String detail() {
        return switch (action) {
            case STATUS -> "status " + fromValue + " → " + toValue;
            case ASSIGN -> toValue == null ? "unassigned " + fromValue
                    : fromValue == null ? "assigned to " + toValue : "reassigned from " + fromValue + " to " + toValue;
            case PRIORITY -> "priority " + fromValue + " → " + toValue;
            case TAG -> "tagged " + toValue;
            case UNTAG -> "removed tag " + fromValue;
            case NOTE -> "added a note";
            case REPLY -> "replied to " + fromValue;
            case RETRY -> "retried reply " + toValue;
            default -> action;
        };
    }

    private static String cut(String value) {
        return value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE - 1) + "…";
    }
}
