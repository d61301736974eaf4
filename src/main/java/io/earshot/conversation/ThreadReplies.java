package io.earshot.conversation;

import java.util.List;

/**
 * The replies written in the inbox for a conversation, as thread entries. Implemented by the reply
 * capability, so a thread shows outbound replies without this package depending on it.
 */
public interface ThreadReplies {

    /** The conversation's replies as {@link ConversationViews.MessageView}s of kind {@code reply}. */
    List<ConversationViews.MessageView> of(long conversationId);
}
