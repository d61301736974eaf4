package io.earshot.conversation;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A reply that matched no rule and whose parent is not (yet) in a conversation. It waits here so
 * that arrival order does not matter: when its parent enters the inbox, it joins the same
 * conversation. Held replies older than {@code earshot.ingest.hold-replies-for} are dropped.
 */
@Entity
@Table(name = "held_reply")
public class HeldReply extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "held_reply_seq")
    @SequenceGenerator(name = "held_reply_seq", sequenceName = "held_reply_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 32)
    public String platform;

    @Column(name = "external_id", nullable = false, length = 256)
    public String externalId;

    @Column(name = "in_reply_to", nullable = false, length = 256)
    public String inReplyTo;

    @Column(nullable = false, length = 262_144)
    public String raw;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
