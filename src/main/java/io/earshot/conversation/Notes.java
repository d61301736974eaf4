package io.earshot.conversation;

import java.time.Clock;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.earshot.web.ApiException;

/** Adds internal notes to conversations, resolving {@code @username} mentions of teammates. */
@ApplicationScoped
public class Notes {

    @Inject
    Event<ConversationsChanged> changed;

    Clock clock = Clock.systemUTC();

    /**
     * Adds a note by {@code author}. Mentions of existing users are stored with it; any other
     * {@code @name} stays plain text.
     *
     * @throws ApiException 404 for an unknown conversation, 400 for a blank or too long text
     */
    @Transactional
    public ConversationViews.NoteView add(long conversationId, String text, String author) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("invalid note", "text is required");
        }
        if (text.length() > Note.MAX_LENGTH) {
            throw ApiException.badRequest("invalid note", "text is longer than " + Note.MAX_LENGTH + " characters");
        }
        if (Conversation.findById(conversationId) == null) {
            throw ApiException.notFound("no conversation " + conversationId);
        }
        Note note = new Note();
        note.conversationId = conversationId;
        note.author = author;
        note.text = text;
        note.mentions = Mentions.joined(Mentions.resolve(text));
        note.createdAt = clock.instant();
        note.persist();
        AuditEntry.record(conversationId, author, AuditEntry.NOTE, null, null, note.createdAt);
        changed.fire(new ConversationsChanged(Set.of(conversationId), "note", author));
        return ConversationViews.NoteView.of(note);
    }
}
