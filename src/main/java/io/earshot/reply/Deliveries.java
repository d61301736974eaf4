package io.earshot.reply;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.earshot.conversation.ConversationsChanged;

/** Applies connectors' delivery reports: a reply becomes {@code sent} (with the platform's id) or {@code failed}. */
@ApplicationScoped
public class Deliveries {

    @Inject
    Event<ConversationsChanged> changed;

    Clock clock = Clock.systemUTC();

    /** A report that named no reply Earshot knows, with its position in the batch. */
    public record Unknown(int index, long replyId) {
    }

    /**
     * Applies reports in order, in one transaction. Stale reports (an earlier attempt than the reply's
     * latest) change nothing. Answers the reports that name no reply.
     */
    @Transactional
    public List<Unknown> apply(List<DeliveryReport> reports) {
        Instant now = clock.instant();
        Set<Long> conversations = new HashSet<>();
        List<Unknown> unknown = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            DeliveryReport report = reports.get(i);
            Reply r = Reply.findById(report.replyId());
            if (r == null) {
                unknown.add(new Unknown(i, report.replyId()));
                continue;
            }
            if (report.attempt() != null && report.attempt() < r.attempts) {
                continue;
            }
            r.state = report.status();
            if (report.status() == DeliveryState.SENT) {
                r.platformId = report.platformId();
                r.failureReason = null;
            } else {
                r.failureReason = report.reason() == null ? "no reason given" : report.reason();
            }
            r.updatedAt = now;
            conversations.add(r.conversationId);
        }
        if (!conversations.isEmpty()) {
            changed.fire(new ConversationsChanged(conversations, "delivery", null));
        }
        return unknown;
    }
}
