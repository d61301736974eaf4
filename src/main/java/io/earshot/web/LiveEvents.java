package io.earshot.web;

import java.util.HashSet;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.earshot.account.Roles;
import io.quarkus.logging.Log;
import io.earshot.conversation.ConversationsChanged;
import io.earshot.conversation.Message;
import io.earshot.conversation.MessagesStored;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * {@code /events}: server-sent events that keep open pages live. Every committed change to
 * conversations (ingest, triage, notes, replies, delivery) is pushed as {@code conversations} (the
 * queue refreshes, throttled) and as {@code conversation-<id>} for each one (an open thread
 * refreshes); presence on a thread is pushed as {@code presence-<id>} with its HTML.
 */
@Path("/events")
@ApplicationScoped
public class LiveEvents {

    /** Above this many conversations in one change, only the queue-wide event is sent. */
    static final int MAX_PER_CONVERSATION_EVENTS = 200;
    static final java.time.Duration PING_EVERY = java.time.Duration.ofSeconds(25);

    /** One event on the stream: its name and its data (text or HTML). */
    public record Live(String name, String data) {
    }

    private final BroadcastProcessor<Live> hub = BroadcastProcessor.create();

    // Roles on the route, not the class: the observers below run on ingest and scheduler threads that
    // have no signed-in user, and a class-level check refused them (no live update for Kafka ingest).
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        // A comment-like ping keeps idle connections open through proxies that cut silent ones.
        Multi<Live> pings = Multi.createFrom().ticks().every(PING_EVERY).map(tick -> new Live("ping", ""));
        return Multi.createBy().merging().streams(hub, pings)
                .map(live -> sse.newEventBuilder().name(live.name()).data(live.data()).build());
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConversationsChanged change) {
        publish(change.conversationIds(), change.change());
    }

    void stored(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessagesStored stored) {
        Set<Long> ids = new HashSet<>();
        for (Message m : stored.messages()) {
            ids.add(m.conversationId);
        }
        if (!ids.isEmpty()) {
            publish(ids, "message");
        }
    }

    /** Sends an event named {@code name} to every open page; a page that cannot keep up reconnects. */
    public void send(String name, String data) {
        try {
            hub.onNext(new Live(name, data));
        } catch (RuntimeException e) {
            // Live updates are a convenience: never let one fail the change that caused it.
            Log.debugf(e, "Could not push %s to open pages", name);
        }
    }

    private void publish(Set<Long> ids, String change) {
        send("conversations", change);
        if (ids.size() <= MAX_PER_CONVERSATION_EVENTS) {
            ids.forEach(id -> send("conversation-" + id, change));
        }
    }
}
