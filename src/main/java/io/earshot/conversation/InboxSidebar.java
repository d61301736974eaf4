package io.earshot.conversation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.earshot.account.User;
import io.earshot.rules.Rule;

/** What the inbox sidebar lists: views by rule and by tag, teammates to assign to, and saved views. */
@ApplicationScoped
public class InboxSidebar {

    static final int MAX_TAGS = 100;

    @Inject
    SavedViews savedViews;

    public record Data(List<Rule> rules, List<String> tags, List<String> teammates, List<SavedView> views) {
    }

    @Transactional
    public Data of(String viewer) {
        @SuppressWarnings("unchecked")
        List<String> tags = Conversation.getEntityManager()
                .createNativeQuery("select distinct tag from conversation_tag order by tag").setMaxResults(MAX_TAGS)
                .getResultList();
        return new Data(Rule.live(), tags, teammates(), savedViews.of(viewer));
    }

    /** Everyone a conversation can be assigned to. */
    @Transactional
    public List<String> teammates() {
        return User.<User>listAll().stream().map(u -> u.username).sorted().toList();
    }
}
