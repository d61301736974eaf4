package io.earshot.conversation;

import java.util.List;

/**
 * A CDI event fired by {@link ConversationWriter#store} inside its transaction, after the batch's
 * new messages are written: only messages stored for the first time, never replays. Synchronous
 * observers ({@code @Observes}, the default phase) write in the same transaction, so derived data
 * (the trend rollups' pending rows) commits or rolls back with the messages.
 *
 * @param messages the messages just written, with ids, rule ids and entities
 */
public record MessagesStored(List<Message> messages) {

    public MessagesStored {
        messages = List.copyOf(messages);
    }
}
