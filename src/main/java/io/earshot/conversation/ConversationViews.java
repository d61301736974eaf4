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

    /**
     * A conversation with its whole thread: the posts and the replies written in the inbox in time order
     * ({@code messages}), the internal notes and the audit trail, each oldest first.
     */
    public record Detail(long id, String status, String assignee, String priority, Set<String> tags,
            List<RuleRef> rules, int messageCount, Instant createdAt, Instant lastActivityAt,
            List<MessageView> messages, List<NoteView> notes, List<AuditView> audit) {
    }

    /**
     * One entry of a thread: a stored post ({@code kind} {@code post}) or a reply written in the inbox
     * ({@code kind} {@code reply}, outbound, {@code id} is the reply's id, with its {@code delivery}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageView(long id, String kind, String externalId, String platform, String author,
            String authorName, String text, Instant createdAt, String direction, String inReplyTo, String url,
            String lang, Set<Long> rules, Delivery delivery) {

        public static final String POST = "post";
        public static final String REPLY = "reply";

        /** A stored post as a thread entry. */
        public static MessageView of(Message m) {
            return new MessageView(m.id, POST, m.externalId, m.platform, m.authorHandle, m.authorName, m.text,
                    m.createdAt, m.direction.value(), m.inReplyTo, m.url, m.lang, new TreeSet<>(m.ruleIds), null);
        }
    }

    /**
     * Where a reply written in the inbox stands.
     *
     * @param state {@code queued}, {@code published}, {@code sent} or {@code failed}
     * @param platformId the platform's id of the sent post, once sent
     * @param reason why delivery failed, once failed
     * @param channelConnected whether a channel (Kafka and a connector) carries replies for this platform
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(long replyId, String state, String agent, String platformId, String reason,
            int attempts, boolean channelConnected) {
    }

    /** An internal note. */
    public record NoteView(long id, String author, String text, List<String> mentions, Instant createdAt) {

        static NoteView of(Note n) {
            return new NoteView(n.id, n.author, n.text, n.mentionList(), n.createdAt);
        }
    }

    /** One audit entry: {@code detail} says it in words; {@code from}/{@code to} hold the values. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditView(String actor, String action, String from, String to, String detail, Instant at) {

        static AuditView of(AuditEntry e) {
            return new AuditView(e.actor, e.action, e.fromValue, e.toValue, e.detail(), e.at);
        }
    }
}
