package io.earshot.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.earshot.account.User;
import io.earshot.web.ApiException;

/**
 * Changes a conversation's status, assignee, priority and tags, writing one audit entry per change and
 * telling the live queue. Pages and the JSON API both call {@link #change}.
 */
@ApplicationScoped
public class ConversationTriage {

    @Inject
    Event<ConversationsChanged> changed;

    @Inject
    ConversationService conversations;

    Clock clock = Clock.systemUTC();

    /**
     * Applies a change made by {@code actor} and answers the conversation as it now is. Values equal to
     * the current ones are no change and leave no audit entry.
     *
     * @throws ApiException 404 for an unknown conversation, 400 for an assignee who is not a user
     */
    @Transactional
    public ConversationViews.Detail change(long conversationId, TriageChange change, String actor) {
        // Locked so two teammates' changes (and ingest's reopen) apply one after the other, each audited
        // against the value it really replaced.
        Conversation c = Conversation.<Conversation>findByIdOptional(conversationId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ApiException.notFound("no conversation " + conversationId));
        Instant now = clock.instant();
        boolean any = false;
        if (change.status() != null && change.status() != c.status) {
            AuditEntry.record(c.id, actor, AuditEntry.STATUS, c.status.value(), change.status().value(), now);
            c.status = change.status();
            any = true;
        }
        if (change.assigns() && !Objects.equals(change.assignee(), c.assignee)) {
            if (change.assignee() != null && User.findByUsername(change.assignee()).isEmpty()) {
                throw ApiException.badRequest("invalid triage", "no user named '" + change.assignee() + "'");
            }
            AuditEntry.record(c.id, actor, AuditEntry.ASSIGN, c.assignee, change.assignee(), now);
            c.assignee = change.assignee();
            any = true;
        }
        if (change.priority() != null && change.priority() != c.priority) {
            AuditEntry.record(c.id, actor, AuditEntry.PRIORITY, c.priority.value(), change.priority().value(), now);
            c.priority = change.priority();
            any = true;
        }
        Set<String> add = new TreeSet<>();
        Set<String> remove = new TreeSet<>();
        if (change.tags() != null) {
            add.addAll(change.tags());
            add.removeAll(c.tags);
            remove.addAll(c.tags);
            remove.removeAll(change.tags());
        }
        if (change.addTags() != null) {
            change.addTags().stream().filter(t -> !c.tags.contains(t)).forEach(add::add);
        }
        if (change.removeTags() != null) {
            change.removeTags().stream().filter(c.tags::contains).forEach(remove::add);
        }
        for (String tag : remove) {
            AuditEntry.record(c.id, actor, AuditEntry.UNTAG, tag, null, now);
            c.tags.remove(tag);
            any = true;
        }
        for (String tag : add) {
            AuditEntry.record(c.id, actor, AuditEntry.TAG, null, tag, now);
            c.tags.add(tag);
            any = true;
        }
        if (any) {
            changed.fire(new ConversationsChanged(Set.of(c.id), "triage", actor));
        }
        return conversations.thread(c.id);
    }
}
