package io.earshot.conversation;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An internal note on a conversation: seen by staff in the thread, never sent to the platform. */
@Entity
@Table(name = "conversation_note")
public class Note extends PanacheEntityBase {

    /** The longest note, in UTF-16 units (what the column counts on H2). */
    public static final int MAX_LENGTH = 20_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conversation_note_seq")
    @SequenceGenerator(name = "conversation_note_seq", sequenceName = "conversation_note_seq", allocationSize = 50)
    public Long id;

    @Column(name = "conversation_id", nullable = false)
    public Long conversationId;

    @Column(nullable = false, length = 100)
    public String author;

    @Column(nullable = false, length = MAX_LENGTH)
    public String text;

    /** Usernames mentioned with {@code @name}, space-separated, or null. */
    @Column(length = 4000)
    public String mentions;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The notes of a conversation, oldest first. */
    public static List<Note> ofConversation(long conversationId) {
        return list("conversationId = ?1 order by createdAt, id", conversationId);
    }

    public List<String> mentionList() {
        return mentions == null || mentions.isEmpty() ? List.of() : Arrays.asList(mentions.split(" "));
    }
}
