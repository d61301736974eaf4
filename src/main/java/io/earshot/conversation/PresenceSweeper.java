package io.earshot.conversation;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.earshot.web.LiveEvents;
import io.quarkus.scheduler.Scheduled;

/** Forgets teammates whose pages stopped beating, and tells the pages still open. */
@ApplicationScoped
class PresenceSweeper {

    @Inject
    Presence presence;

    @Inject
    LiveEvents live;

    @Scheduled(every = "10s", identity = "presence-forget-silent")
    void forgetSilentViewers() {
        presence.forgetSilent(Instant.now()).forEach(id -> ConversationPage.broadcast(presence, live, id));
    }
}
