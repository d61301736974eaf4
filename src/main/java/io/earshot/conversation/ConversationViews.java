package io.earshot.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON shapes of conversations as the API shows them. */
public final class ConversationViews {

    private ConversationViews() {
    }

    /** A rule that caught a conversation. */
    public record RuleRef(long id, String name) {
    }

    /** One row of the queue. */
    public record Summary(long id, String status, String assignee, String priority, Set<String> tags,
            List<RuleRef> rules, int messageCount, Instant lastActivityAt, MessageView root) {
    }

    /** A page of the queue; {@code next} is null on the last page. */
    public record Page(List<Summary> items, String next) {
    }

    /** A conversation with its whole thread. */
    public record Detail(long id, String status, String assignee, String priority, Set<String> tags,
            List<RuleRef> rules, int messageCount, Instant createdAt, Instant lastActivityAt,
            List<MessageView> messages) {
    }

    /** One post of a thread. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageView(long id, String externalId, String platform, String author, String authorName,
            String text, Instant createdAt, String direction, String inReplyTo, String url, String lang,
            Set<Long> rules) {

        static MessageView of(Message m) {
            return new MessageView(m.id, m.externalId, m.platform, m.authorHandle, m.authorName, m.text, m.createdAt,
                    m.direction.value(), m.inReplyTo, m.url, m.lang, new TreeSet<>(m.ruleIds));
        }
    }
}
