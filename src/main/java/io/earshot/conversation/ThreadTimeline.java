package io.earshot.conversation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.earshot.conversation.ConversationViews.Detail;
import io.earshot.conversation.ConversationViews.MessageView;
import io.earshot.conversation.ConversationViews.RuleRef;
import io.earshot.rules.RuleDirectory;

/**
 * Builds the thread page's timeline: posts, replies and notes in time order, each post indented by
 * its depth in the reply tree and with the words its rules matched highlighted.
 */
@ApplicationScoped
public class ThreadTimeline {

    @Inject
    MatchHighlights highlights;

    @Inject
    RuleDirectory directory;

    public List<ThreadEntry> of(Detail detail) {
        Map<Long, RuleDirectory.Entry> rules = directory.all();
        Map<String, Integer> depths = new HashMap<>();
        List<ThreadEntry> entries = new ArrayList<>();
        for (MessageView m : detail.messages()) {
            int depth = m.inReplyTo() == null ? 0 : depths.getOrDefault(m.inReplyTo(), -1) + 1;
            if (m.externalId() != null) {
                depths.put(m.externalId(), depth);
            }
            List<RuleDirectory.Entry> caught = m.rules() == null ? List.of()
                    : m.rules().stream().map(rules::get).filter(r -> r != null).toList();
            String highlight = caught.isEmpty() ? null
                    : highlights.highlight(m.text(), caught.stream().map(RuleDirectory.Entry::query).toList());
            entries.add(new ThreadEntry(m.kind(), m.id(), m.externalId(), m.author(),
                    m.text(), highlight, m.createdAt(), "outbound".equals(m.direction()),
                    Math.min(depth, 8), m.inReplyTo(),
                    caught.stream().map(r -> new RuleRef(r.id(), r.name())).toList(), m.delivery()));
        }
        detail.notes().forEach(n -> entries.add(new ThreadEntry("note", n.id(), null, n.author(), n.text(), null,
                n.createdAt(), false, 0, null, List.of(), null)));
        entries.sort(Comparator.comparing(ThreadEntry::createdAt));
        return entries;
    }
}
