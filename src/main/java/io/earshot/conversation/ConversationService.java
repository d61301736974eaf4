package io.earshot.conversation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.earshot.conversation.ConversationViews.AuditView;
import io.earshot.conversation.ConversationViews.Detail;
import io.earshot.conversation.ConversationViews.MessageView;
import io.earshot.conversation.ConversationViews.NoteView;
import io.earshot.conversation.ConversationViews.Page;
import io.earshot.conversation.ConversationViews.RuleRef;
import io.earshot.conversation.ConversationViews.Summary;
import io.earshot.rules.RuleDirectory;
import io.earshot.web.ApiException;

/** Reads conversations for the API and the inbox: a page of the queue, or one whole thread. */
@ApplicationScoped
public class ConversationService {

    public static final int MAX_PAGE = 200;

    @Inject
    Instance<ThreadReplies> replies;

    @Inject
    RuleDirectory directory;

    @Transactional
    public Page queue(Status status, Long ruleId, QueuePosition after, int limit) {
        List<Conversation> page = Conversation.page(status, ruleId, after, limit + 1);
        boolean more = page.size() > limit;
        List<Conversation> shown = more ? page.subList(0, limit) : page;
        Map<Long, Message> roots = new HashMap<>();
        List<Long> rootIds = shown.stream().map(c -> c.rootMessageId).filter(id -> id != null).toList();
        if (!rootIds.isEmpty()) {
            Message.byIds(rootIds).forEach(m -> roots.put(m.id, m));
        }
        Map<Long, String> ruleNames = directory.names(shown.stream().flatMap(c -> c.ruleIds.stream()).toList());
        List<Summary> items = shown.stream().map(c -> new Summary(c.id, c.status.value(), c.assignee,
                c.priority.value(), new TreeSet<>(c.tags), rules(c.ruleIds, ruleNames), c.messageCount,
                c.lastActivityAt, c.rootMessageId == null || !roots.containsKey(c.rootMessageId) ? null
                        : MessageView.of(roots.get(c.rootMessageId))))
                .toList();
        String next = more ? QueuePosition.after(shown.get(shown.size() - 1)).encode() : null;
        return new Page(items, next);
    }

    /** The thread for a page that only shows it: read in a read-only transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Detail threadToShow(long id) {
        ReadOnlyReads.apply();
        return thread(id);
    }

    /** One whole thread: posts and inbox replies in time order, notes and the audit trail. */
    @Transactional
    public Detail thread(long id) {
        Conversation c = Conversation.<Conversation>findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("no conversation " + id));
        List<MessageView> messages = new ArrayList<>(Message.ofConversation(id).stream().map(MessageView::of).toList());
        for (ThreadReplies source : replies) {
            messages.addAll(source.of(id));
        }
        messages.sort(Comparator.comparing(MessageView::createdAt));
        List<NoteView> notes = Note.ofConversation(id).stream().map(NoteView::of).toList();
        List<AuditView> audit = AuditEntry.ofConversation(id).stream().map(AuditView::of).toList();
        return new Detail(c.id, c.status.value(), c.assignee, c.priority.value(), new TreeSet<>(c.tags),
                rules(c.ruleIds, directory.names(c.ruleIds)), c.messageCount, c.createdAt, c.lastActivityAt, messages,
                notes, audit);
    }

    private static List<RuleRef> rules(Set<Long> ids, Map<Long, String> names) {
        return ids.stream().sorted().map(id -> new RuleRef(id, names.getOrDefault(id, "rule " + id))).toList();
    }
}
