package io.earshot.conversation;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.earshot.conversation.ConversationViews.RuleRef;
import io.earshot.rules.RuleDirectory;
import io.quarkus.panache.common.Parameters;

/**
 * The inbox queue as a teammate sees it: conversations newest activity first, filtered by a
 * {@link QueueFilter}, each with its first post, rule names and whether the viewer has seen it, and,
 * when the filter asks, grouped by near-duplicate first posts ({@link SimilarGroup}).
 * A page costs a fixed number of queries (conversations, their first posts, rule names, read marks).
 */
@ApplicationScoped
public class InboxQueue {

    public static final int PAGE_SIZE = 50;
    /** Conversations a page of the grouped queue reads: near-duplicates group within one page. */
    public static final int GROUPED_PAGE_SIZE = 500;
    private static final int FIRST_LINE = 140;

    @Inject
    RuleDirectory rules;

    /** A page of the queue, read in a read-only transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public InboxPageData page(QueueFilter filter, String viewer, QueuePosition after, int limit) {
        ReadOnlyReads.apply();
        List<Conversation> found = find(filter, viewer, after, limit + 1);
        boolean more = found.size() > limit;
        List<Conversation> shown = more ? found.subList(0, limit) : found;
        List<Long> ids = shown.stream().map(c -> c.id).toList();
        Map<Long, Message.Opening> firsts = Message.openings(
                shown.stream().map(c -> c.rootMessageId).filter(id -> id != null).toList());
        Set<Long> ruleIds = new HashSet<>();
        shown.forEach(c -> ruleIds.addAll(c.ruleIds));
        Map<Long, String> ruleNames = rules.names(ruleIds);
        Map<Long, Integer> seen = ReadMark.of(viewer, ids);
        List<InboxRow> rows = shown.stream().map(c -> {
            Message.Opening first = c.rootMessageId == null ? null : firsts.get(c.rootMessageId);
            Integer seenMessages = seen.get(c.id);
            return new InboxRow(c.id, first == null ? "" : first.authorHandle(),
                    first == null ? "" : firstLine(first.text()),
                    c.ruleIds.stream().sorted().map(id -> new RuleRef(id, ruleNames.getOrDefault(id, "rule " + id)))
                            .toList(),
                    new TreeSet<>(c.tags), c.status.value(), c.priority.value(), c.assignee, c.messageCount,
                    c.lastActivityAt, seenMessages == null || seenMessages < c.messageCount,
                    filter.similar() && first != null ? SimilarPosts.signature(first.text()) : null);
        }).toList();
        String next = more ? QueuePosition.after(shown.get(shown.size() - 1)).encode() : null;
        return new InboxPageData(rows, next, filter.similar() ? SimilarGroup.of(rows) : null);
    }

    /** How many conversations a page of this queue shows. */
    public static int pageSize(QueueFilter filter) {
        return filter.similar() ? GROUPED_PAGE_SIZE : PAGE_SIZE;
    }

    /** Marks the conversation, as it now is, seen by {@code viewer}. */
    @Transactional
    public void markSeen(String viewer, long conversationId, int messages) {
        ReadMark.seen(viewer, conversationId, messages, Instant.now());
    }

    private static List<Conversation> find(QueueFilter filter, String viewer, QueuePosition after, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        Status status = filter.status();
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        switch (filter.view()) {
            case "unassigned" -> where.append(" and assignee is null");
            case "mine" -> {
                where.append(" and assignee = :me and status <> :closed");
                params.and("me", viewer).and("closed", Status.CLOSED);
            }
            default -> {
            }
        }
        if (filter.assignee() != null) {
            where.append(" and assignee = :assignee");
            params.and("assignee", filter.assignee());
        }
        if (filter.priority() != null) {
            where.append(" and priority = :priority");
            params.and("priority", filter.priority());
        }
        if (filter.rule() != null) {
            where.append(" and :rule member of ruleIds");
            params.and("rule", filter.rule());
        }
        if (filter.tag() != null) {
            where.append(" and :tag member of tags");
            params.and("tag", filter.tag());
        }
        if (filter.window() != null) {
            filter.window().where(where, params);
        }
        if (after != null) {
            after.restrict(where, params);
        }
        return Conversation.<Conversation>find(where + " order by lastActivityAt desc, id desc", params)
                .page(0, limit).list();
    }

    private static String firstLine(String text) {
        String line = text.strip();
        int newline = line.indexOf('\n');
        if (newline >= 0) {
            line = line.substring(0, newline);
        }
        return line.length() <= FIRST_LINE ? line : line.substring(0, FIRST_LINE - 1) + "…";
    }
}
