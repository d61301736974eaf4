package io.earshot.reply;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.earshot.conversation.AuditEntry;
import io.earshot.conversation.Conversation;
import io.earshot.conversation.ConversationMerged;
import io.earshot.conversation.ConversationViews.Delivery;
import io.earshot.conversation.ConversationViews.MessageView;
import io.earshot.conversation.ConversationsChanged;
import io.earshot.conversation.Direction;
import io.earshot.conversation.Message;
import io.earshot.conversation.ThreadReplies;
import io.earshot.ingest.BrandAccounts;
import io.earshot.web.ApiException;

/**
 * Writes replies: each new reply and each retry is stored with an outbox row in one transaction, for the
 * {@link ReplyRelay} to publish. Replies show in their conversation's thread as outbound entries.
 */
@ApplicationScoped
public class Replies implements ThreadReplies {

    @Inject
    ReplyLength length;

    @Inject
    ReplyChannels channels;

    @Inject
    BrandAccounts brand;

    @Inject
    Event<ConversationsChanged> changed;

    Clock clock = Clock.systemUTC();

    /**
     * Stores a reply by {@code agent} to the post {@code inReplyTo} of a conversation, queued for the relay.
     *
     * @throws ApiException 404 for an unknown conversation; 400 for a blank or too long text, or a post that
     *         is not in the conversation
     */
    @Transactional
    public MessageView send(long conversationId, String text, String inReplyTo, String agent) {
        return send(conversationId, text, inReplyTo, agent, null);
    }

    /**
     * As {@link #send(long, String, String, String)}, but refused with 409 when a teammate answered the
     * conversation after {@code openedAt} (see {@link #answeredSince}), so the agent can confirm first.
     *
     * @param openedAt when the agent opened the conversation, or null to send without the check
     */
    @Transactional
    public MessageView send(long conversationId, String text, String inReplyTo, String agent, Instant openedAt) {
        if (Conversation.findById(conversationId) == null) {
            throw ApiException.notFound("no conversation " + conversationId);
        }
        if (openedAt != null) {
            List<MessageView> answers = answeredSince(conversationId, openedAt, agent);
            if (!answers.isEmpty()) {
                MessageView last = answers.get(answers.size() - 1);
                String who = last.delivery() == null ? last.author() : last.delivery().agent();
                throw new ApiException(409, "answered meanwhile", who + " answered this conversation at "
                        + last.createdAt() + ", after you opened it; send again with confirm to reply anyway");
            }
        }
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("invalid reply", "text is required");
        }
        if (inReplyTo == null || inReplyTo.isBlank()) {
            throw ApiException.badRequest("invalid reply", "inReplyTo (the external id of the post answered) is required");
        }
        Message answered = postOf(conversationId, inReplyTo);
        ReplyLength.Measure measure = length.measure(answered.platform, text);
        if (!measure.fits()) {
            throw ApiException.badRequest("invalid reply", "text is " + measure.length() + " characters long; "
                    + answered.platform + " allows " + measure.limit());
        }
        Instant now = clock.instant();
        Reply r = new Reply();
        r.conversationId = conversationId;
        r.externalId = Reply.ID_PREFIX + UUID.randomUUID();
        r.platform = answered.platform;
        r.inReplyTo = answered.externalId;
        r.brandHandle = brand.handleFor(answered.platform).orElse(null);
        r.agent = agent;
        r.text = text;
        r.state = DeliveryState.QUEUED;
        r.attempts = 1;
        r.createdAt = now;
        r.updatedAt = now;
        r.persist();
        OutboxEntry.add(r.id, now);
        AuditEntry.record(conversationId, agent, AuditEntry.REPLY, r.inReplyTo, r.externalId, now);
        changed.fire(new ConversationsChanged(Set.of(conversationId), "reply", agent));
        return view(r);
    }

    /**
     * Queues a failed reply again (a new outbox row).
     *
     * @throws ApiException 404 for an unknown reply, 409 when it has not failed
     */
    @Transactional
    public MessageView retry(long replyId, String agent) {
        Reply r = Reply.<Reply>findByIdOptional(replyId).orElseThrow(() -> ApiException.notFound("no reply " + replyId));
        if (r.state != DeliveryState.FAILED) {
            throw new ApiException(409, "conflict", "reply " + replyId + " is " + r.state.value() + "; only failed replies are retried");
        }
        Instant now = clock.instant();
        r.state = DeliveryState.QUEUED;
        r.failureReason = null;
        r.attempts++;
        r.updatedAt = now;
        OutboxEntry.add(r.id, now);
        AuditEntry.record(r.conversationId, agent, AuditEntry.RETRY, null, r.externalId, now);
        changed.fire(new ConversationsChanged(Set.of(r.conversationId), "reply", agent));
        return view(r);
    }

    /** One reply as a thread entry. */
    @Transactional
    public MessageView get(long replyId) {
        return view(Reply.<Reply>findByIdOptional(replyId).orElseThrow(() -> ApiException.notFound("no reply " + replyId)));
    }

    /**
     * What others answered in a conversation after {@code since}: replies by other agents, and outbound
     * posts that arrived from the platform. Oldest first; empty when nobody did.
     */
    @Transactional
    public List<MessageView> answeredSince(long conversationId, Instant since, String agent) {
        List<MessageView> answers = new ArrayList<>();
        Reply.<Reply>list("conversationId = ?1 and createdAt > ?2 and agent <> ?3 order by createdAt", conversationId,
                since, agent).forEach(r -> answers.add(view(r)));
        Message.<Message>list("conversationId = ?1 and direction = ?2 and receivedAt > ?3", conversationId,
                Direction.OUTBOUND, since).forEach(m -> answers.add(MessageView.of(m)));
        answers.sort(Comparator.comparing(MessageView::createdAt));
        return answers;
    }

    @Override
    public List<MessageView> of(long conversationId) {
        return Reply.ofConversation(conversationId).stream().map(this::view).toList();
    }

    /** The post with this external id in this conversation, or a 400 saying it is not there. */
    static Message postOf(long conversationId, String externalId) {
        return Message.<Message>find("conversationId = ?1 and externalId = ?2", conversationId, externalId)
                .firstResultOptional().orElseThrow(() -> ApiException.badRequest("invalid reply",
                        "post " + externalId + " is not in conversation " + conversationId));
    }

    void moveOnMerge(@Observes ConversationMerged merged) {
        Reply.moveConversation(merged.from(), merged.into());
    }

    private MessageView view(Reply r) {
        Delivery delivery = new Delivery(r.id, r.state.value(), r.agent, r.platformId, r.failureReason, r.attempts,
                channels.connected(r.platform));
        return new MessageView(r.id, MessageView.REPLY, r.externalId, r.platform, r.brandHandle, null, r.text,
                r.createdAt, Direction.OUTBOUND.value(), r.inReplyTo, null, null, null, delivery);
    }
}
