package io.earshot.conversation;

import java.util.Locale;

/** Where a conversation stands in the queue. */
public enum Status {
    OPEN, PENDING, CLOSED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
