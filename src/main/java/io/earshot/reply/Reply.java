package io.earshot.reply;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A reply written in the inbox, with its delivery state. */
@Entity
@Table(name = "reply")
public class Reply extends PanacheEntityBase {

    /** External ids are this prefix and a random UUID. */
    public static final String ID_PREFIX = "earshot-";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "reply_seq")
    @SequenceGenerator(name = "reply_seq", sequenceName = "reply_seq", allocationSize = 50)
    public Long id;

    @Column(name = "conversation_id", nullable = false)
    public Long conversationId;

    /** The id of the reply's post envelope: {@link #ID_PREFIX} and a random UUID. */
    @Column(name = "external_id", nullable = false, unique = true, length = 64)
    public String externalId;

    @Column(nullable = false, length = 32)
    public String platform;

    /** The external id of the post answered. */
    @Column(name = "in_reply_to", nullable = false, length = 256)
    public String inReplyTo;

    /** The brand account it is sent from, when {@code earshot.brand.handles} names one for the platform. */
    @Column(name = "brand_handle", length = 100)
    public String brandHandle;

    /** The username who wrote it. */
    @Column(nullable = false, length = 100)
    public String agent;

    @Column(nullable = false, length = 20_000)
    public String text;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public DeliveryState state;

    @Column(name = "platform_id", length = 256)
    public String platformId;

    @Column(name = "failure_reason", length = 1000)
    public String failureReason;

    /** Delivery attempts: 1, plus one per retry. */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The replies of a conversation, oldest first. */
    public static List<Reply> ofConversation(long conversationId) {
        return list("conversationId = ?1 order by createdAt, id", conversationId);
    }

    /** Moves replies of a conversation absorbed by a merge onto the surviving one. */
    static void moveConversation(long from, long into) {
        update("conversationId = ?1 where conversationId = ?2", into, from);
    }

    /** Marks these replies published, unless a delivery report already moved them on. */
    static int markPublished(Collection<Long> ids, Instant at) {
        return ids.isEmpty() ? 0
                : update("state = ?1, updatedAt = ?2 where id in ?3 and state = ?4", DeliveryState.PUBLISHED, at, ids,
                        DeliveryState.QUEUED);
    }
}
