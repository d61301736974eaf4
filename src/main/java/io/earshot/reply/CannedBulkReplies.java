package io.earshot.reply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.earshot.conversation.BulkReplies;
import io.earshot.conversation.Conversation;
import io.earshot.conversation.Message;
import io.earshot.web.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Sends a canned reply to the first post of each selected conversation through {@link Replies}. */
@ApplicationScoped
public class CannedBulkReplies implements BulkReplies {

    @Inject
    Replies replies;

    @Inject
    CannedReplies canned;

    @Override
    public List<Choice> choices() {
        return canned.list().stream().map(c -> new Choice(c.id(), c.name())).toList();
    }

    @Override
    public List<String> send(long cannedId, List<Long> conversationIds, String agent, Instant openedAt) {
        String template = canned.get(cannedId).text();
        Map<Long, Message> firstPosts = firstPosts(conversationIds);
        List<String> refused = new ArrayList<>();
        for (long id : conversationIds) {
            Message first = firstPosts.get(id);
            if (first == null) {
                refused.add("#" + id + ": no such conversation");
                continue;
            }
            String text = CannedReplies.fill(template, first.authorHandle, agent);
            try {
                // A second click on "apply" must not answer everyone twice: the agent's own replies do not
                // count as "answered meanwhile", so look for this very text.
                if (openedAt != null && sentAlready(id, agent, text, openedAt)) {
                    refused.add("#" + id + ": you sent this reply already");
                    continue;
                }
                replies.send(id, text, first.externalId, agent, openedAt);
            } catch (ApiException e) {
                refused.add("#" + id + ": " + e.getMessage());
            }
        }
        return refused;
    }

    /** Each conversation's first post, in one read. */
    private static Map<Long, Message> firstPosts(List<Long> conversationIds) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Map<Long, Long> rootOf = new HashMap<>();
            Conversation.<Conversation>list("id in ?1", conversationIds).forEach(c -> {
                if (c.rootMessageId != null) {
                    rootOf.put(c.rootMessageId, c.id);
                }
            });
            Map<Long, Message> firsts = new HashMap<>();
            Message.byIds(rootOf.keySet()).forEach(m -> firsts.put(rootOf.get(m.id), m));
            return firsts;
        });
    }

    private static boolean sentAlready(long conversationId, String agent, String text, Instant since) {
        return QuarkusTransaction.joiningExisting().call(() -> Reply.count(
                "conversationId = ?1 and agent = ?2 and text = ?3 and createdAt > ?4", conversationId, agent, text,
                since) > 0);
    }
}
