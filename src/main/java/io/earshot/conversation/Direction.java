package io.earshot.conversation;

import java.util.Locale;

/** Whether a message came from the public (inbound) or from one of the brand's own accounts (outbound). */
public enum Direction {
    INBOUND, OUTBOUND;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
