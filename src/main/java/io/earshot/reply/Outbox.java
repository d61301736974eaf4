package io.earshot.reply;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.earshot.conversation.ConversationsChanged;

/**
 * The outbox in the database. Each waiting row becomes one record on {@code earshot.replies}: the post
 * envelope of the reply plus {@code reply_id} and {@code attempt}.
 */
@ApplicationScoped
public class Outbox implements OutboxStore {

    @Inject
    ObjectMapper json;

    @Inject
    Event<ConversationsChanged> changed;

    Clock clock = Clock.systemUTC();

    @Override
    @Transactional
    public List<Waiting> waiting(int limit) {
        List<OutboxEntry> entries = OutboxEntry.waiting(limit);
        Map<Long, Reply> replies = new HashMap<>();
        Set<Long> ids = new HashSet<>();
        entries.forEach(e -> ids.add(e.replyId));
        if (!ids.isEmpty()) {
            Reply.<Reply>list("id in ?1", ids).forEach(r -> replies.put(r.id, r));
        }
        List<Waiting> waiting = new ArrayList<>(entries.size());
        for (OutboxEntry e : entries) {
            Reply r = replies.get(e.replyId);
            waiting.add(new Waiting(new RelayPosition.Row(e.id, RelayPosition.check(r.externalId)), r.conversationId,
                    envelope(r)));
        }
        return waiting;
    }

    @Override
    @Transactional
    public void markPublished(Collection<RelayPosition.Row> rows) {
        Instant now = clock.instant();
        List<Long> replyIds = OutboxEntry.markPublished(rows, now);
        if (Reply.markPublished(replyIds, now) > 0) {
            List<Long> conversations = Reply.getEntityManager()
                    .createQuery("select distinct r.conversationId from Reply r where r.id in ?1", Long.class)
                    .setParameter(1, replyIds).getResultList();
            changed.fire(new ConversationsChanged(new HashSet<>(conversations), "delivery", null));
        }
    }

    /** The post envelope of a reply (as DESIGN.md defines it) with {@code reply_id} and {@code attempt}. */
    byte[] envelope(Reply r) {
        ObjectNode node = json.createObjectNode();
        node.put("id", r.externalId);
        node.put("platform", r.platform);
        if (r.brandHandle != null) {
            node.putObject("author").put("handle", r.brandHandle);
        }
        node.put("text", r.text);
        node.put("created_at", r.createdAt.toString());
        node.put("in_reply_to", r.inReplyTo);
        node.put("direction", "outbound");
        node.put("reply_id", r.id);
        node.put("attempt", r.attempts);
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the envelope of reply " + r.id, e);
        }
    }
}
