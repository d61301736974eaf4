package io.earshot.ingest;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An input record the pipeline refused, kept with the reason so an admin can see and replay it. */
@Entity
@Table(name = "dead_letter")
public class DeadLetter extends PanacheEntityBase {

    /** Longest payload kept, in characters; the size of the original is kept beside it. */
    public static final int MAX_PAYLOAD = 262_144;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "dead_letter_seq")
    @SequenceGenerator(name = "dead_letter_seq", sequenceName = "dead_letter_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 32)
    public String source;

    @Column(length = 64)
    public String position;

    /** The record's lasting identity at its source (Kafka topic/partition:offset), or null. */
    @Column(name = "record_key", length = 300)
    public String recordKey;

    @Column(nullable = false, length = 1000)
    public String reason;

    @Column(nullable = false, length = MAX_PAYLOAD)
    public String payload;

    @Column(name = "payload_bytes", nullable = false)
    public long payloadBytes;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** Which of these record keys are already kept. */
    @SuppressWarnings("unchecked")
    public static Set<String> keptKeys(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        // One array parameter, not an IN list: see PostLookups for why.
        return new HashSet<>(getEntityManager()
                .createNativeQuery("select record_key from dead_letter where record_key = any(?1)")
                .setParameter(1, keys.toArray(String[]::new)).getResultList());
    }

    /** Newest first, keyset-paged: the page after the dead letter {@code beforeId} (0 for the first page). */
    public static List<DeadLetter> newest(long beforeId, int limit) {
        return (beforeId > 0 ? find("id < ?1 order by id desc", beforeId) : find("order by id desc"))
                .page(0, limit).list();
    }
}
