package io.earshot.rules;

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

/**
 * A listening rule: a named query in the query language. A deleted rule is kept (hidden) so that
 * conversations it caught can still say why they are in the inbox.
 */
@Entity
@Table(name = "listening_rule")
public class Rule extends PanacheEntityBase {

    public static final int MAX_NAME_LENGTH = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rule_seq")
    @SequenceGenerator(name = "rule_seq", sequenceName = "rule_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = MAX_NAME_LENGTH)
    public String name;

    @Column(nullable = false, length = 4000)
    public String query;

    @Column(nullable = false)
    public boolean enabled;

    @Column(nullable = false)
    public boolean deleted;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Rules that are not deleted, oldest first. */
    public static List<Rule> live() {
        return list("deleted = false order by id");
    }

    /** Rules the matcher runs. */
    public static List<Rule> enabledRules() {
        return list("enabled = true and deleted = false");
    }

    public static Optional<Rule> findLive(long id) {
        return find("id = ?1 and deleted = false", id).firstResultOptional();
    }
}
