package io.earshot.reply;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.earshot.conversation.Conversation;
import io.earshot.conversation.Message;
import io.earshot.web.ApiException;

/** Saved replies: listing, editing (admins) and filling in their placeholders for a post being answered. */
@ApplicationScoped
public class CannedReplies {

    /** Replaced by the handle of the post's author, as written, without {@code @}. */
    public static final String AUTHOR = "{author}";
    /** Replaced by the username of the agent who inserts the reply. */
    public static final String AGENT = "{agent}";

    /** A canned reply as the API shows it. */
    public record View(long id, String name, String text) {

        static View of(CannedReply c) {
            return new View(c.id, c.name, c.text);
        }
    }

    /** A canned reply with its placeholders filled in. */
    public record Expanded(long id, String name, String text) {
    }

    Clock clock = Clock.systemUTC();

    @Transactional
    public List<View> list() {
        return CannedReply.byName().stream().map(View::of).toList();
    }

    @Transactional
    public View get(long id) {
        return View.of(find(id));
    }

    @Transactional
    public View create(String name, String text) {
        CannedReply c = new CannedReply();
        c.createdAt = clock.instant();
        return View.of(save(c, name, text));
    }

    @Transactional
    public View update(long id, String name, String text) {
        return View.of(save(find(id), name, text));
    }

    @Transactional
    public void delete(long id) {
        find(id).delete();
    }

    /**
     * The canned reply with {@code {author}} set to the author of the post answered and {@code {agent}}
     * to {@code agentUsername}. Other text in braces stays as written.
     *
     * @param inReplyTo external id of the post answered; null means the conversation's first post
     * @throws ApiException 404 for an unknown canned reply or conversation, 400 for a post not in it
     */
    @Transactional
    public Expanded expand(long cannedId, long conversationId, String inReplyTo, String agentUsername) {
        CannedReply canned = find(cannedId);
        Message answered = answered(conversationId, inReplyTo);
        return new Expanded(canned.id, canned.name, fill(canned.text, answered.authorHandle, agentUsername));
    }

    /** Fills the placeholders of {@code template}. */
    public static String fill(String template, String author, String agent) {
        return template.replace(AUTHOR, author).replace(AGENT, agent);
    }

    private static Message answered(long conversationId, String inReplyTo) {
        Conversation c = Conversation.<Conversation>findByIdOptional(conversationId)
                .orElseThrow(() -> ApiException.notFound("no conversation " + conversationId));
        if (inReplyTo == null || inReplyTo.isBlank()) {
            if (c.rootMessageId == null) {
                throw ApiException.badRequest("invalid parameter", "conversation " + conversationId + " has no posts");
            }
            return Message.findById(c.rootMessageId);
        }
        return Replies.postOf(conversationId, inReplyTo);
    }

    private CannedReply save(CannedReply c, String name, String text) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > CannedReply.MAX_NAME) {
            throw ApiException.badRequest("invalid canned reply", "name has 1-" + CannedReply.MAX_NAME + " characters");
        }
        if (text == null || text.isBlank() || text.length() > CannedReply.MAX_TEXT) {
            throw ApiException.badRequest("invalid canned reply", "text has 1-" + CannedReply.MAX_TEXT + " characters");
        }
        CannedReply.named(trimmed).filter(other -> !other.id.equals(c.id)).ifPresent(other -> {
            throw new ApiException(409, "conflict", "a canned reply named '" + trimmed + "' exists (id " + other.id + ")");
        });
        Instant now = clock.instant();
        c.name = trimmed;
        c.text = text;
        c.updatedAt = now;
        if (c.id == null) {
            c.persist();
        }
        return c;
    }

    private static CannedReply find(long id) {
        return CannedReply.<CannedReply>findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("no canned reply " + id));
    }
}
