package io.earshot.ingest;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.earshot.conversation.ConversationWriter;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/** Drops held replies whose parent never entered the inbox within {@code earshot.ingest.hold-replies-for}. */
@ApplicationScoped
public class HeldReplyPruner {

    @Inject
    ConversationWriter conversations;

    @Inject
    IngestConfig config;

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        long dropped = conversations.dropHeldBefore(Instant.now().minus(config.holdRepliesFor()));
        if (dropped > 0) {
            Log.infof("Dropped %d held replies whose parent never entered the inbox", dropped);
        }
    }
}
