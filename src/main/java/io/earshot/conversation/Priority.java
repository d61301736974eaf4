package io.earshot.conversation;

import java.util.Locale;

/** How urgent a conversation is. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
