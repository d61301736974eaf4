package io.earshot.conversation;

/** How urgent a conversation is. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
