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

/** A queue filter a teammate saved under a name, shown in their inbox sidebar. */
@Entity
@Table(name = "saved_view")
public class SavedView extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "saved_view_seq")
    @SequenceGenerator(name = "saved_view_seq", sequenceName = "saved_view_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 100)
    public String username;

    @Column(nullable = false, length = 100)
    public String name;

    /** The queue's query string, as {@link QueueFilter#toQuery()} writes it. */
    @Column(nullable = false, length = 2000)
    public String query;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<SavedView> of(String username) {
        return list("username = ?1 order by name", username);
    }
}
