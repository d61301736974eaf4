package io.earshot.conversation;

import java.time.Instant;
import java.util.List;

import io.earshot.conversation.ConversationViews.Delivery;
import io.earshot.conversation.ConversationViews.RuleRef;

/**
 * One entry of the thread page's timeline: a post, a reply written in the inbox, or an internal note.
 *
 * @param text the text as written (the page escapes it)
 * @param highlight the text HTML-escaped with the words its rules matched in {@code <mark>}, or null
 * @param depth how deep in the reply tree (0 for the root and for notes)
 */
public record ThreadEntry(String kind, long id, String externalId, String author, String text, String highlight,
        Instant createdAt,
        boolean outbound, int depth, String inReplyTo, List<RuleRef> rules, Delivery delivery) {

    public boolean isNote() {
        return "note".equals(kind);
    }

    public boolean isReply() {
        return ConversationViews.MessageView.REPLY.equals(kind);
    }
}
