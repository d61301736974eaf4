package io.earshot.reply;

import java.util.Locale;

/**
 * Where a reply stands: {@code QUEUED} in the outbox, {@code PUBLISHED} on the replies topic,
 * {@code SENT} by a connector (with the platform's id) or {@code FAILED} (with the reason).
 */
public enum DeliveryState {
    QUEUED, PUBLISHED, SENT, FAILED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
