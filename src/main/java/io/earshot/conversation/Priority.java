package io.earshot.conversation;

import java.util.Locale;

/** How urgent a conversation is. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code low}, {@code normal}, {@code high} or {@code urgent} in any case; anything else throws. */
    public static Priority parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
