package io.earshot.reply;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A saved reply agents insert into the composer; {@code {author}} and {@code {agent}} are filled in. */
@Entity
@Table(name = "canned_reply")
public class CannedReply extends PanacheEntityBase {

    public static final int MAX_NAME = 200;
    public static final int MAX_TEXT = 10_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canned_reply_seq")
    @SequenceGenerator(name = "canned_reply_seq", sequenceName = "canned_reply_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, unique = true, length = MAX_NAME)
    public String name;

    @Column(nullable = false, length = 20_000)
    public String text;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** All canned replies by name. */
    public static List<CannedReply> byName() {
        return list("order by name, id");
    }

    static Optional<CannedReply> named(String name) {
        return find("name", name).firstResultOptional();
    }
}
