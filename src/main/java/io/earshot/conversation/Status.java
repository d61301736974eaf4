package io.earshot.conversation;

/** Where a conversation stands in the queue. */
public enum Status {
    OPEN, PENDING, CLOSED;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status parse(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
