package io.earshot.conversation;

import java.time.Instant;
import java.util.List;

/**
 * One canned reply sent to many conversations from the inbox's bulk form (the incident view's "answer
 * them all"). Implemented by the reply capability, so every reply goes through the same service as a
 * single one (length check, outbox, audit, exactly-once publishing) without this package depending on it.
 */
public interface BulkReplies {

    /** A canned reply the bulk form offers. */
    record Choice(long id, String name) {
    }

    /** The canned replies, by name. */
    List<Choice> choices();

    /**
     * Sends canned reply {@code cannedId}, its placeholders filled for each conversation, to the first post
     * of each conversation, each in a transaction of its own. A conversation a teammate answered after
     * {@code openedAt}, or that this agent already sent this text to since then, is skipped.
     *
     * @return one line per conversation refused ({@code #12: why}); empty when every one was sent
     * @throws io.earshot.web.ApiException 404 for an unknown canned reply
     */
    List<String> send(long cannedId, List<Long> conversationIds, String agent, Instant openedAt);
}
