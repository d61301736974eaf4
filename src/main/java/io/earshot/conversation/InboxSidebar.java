package io.earshot.conversation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.earshot.account.AccountChanged;
import io.earshot.account.User;
import io.earshot.rules.RuleDirectory;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CacheResult;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What the inbox sidebar lists: views by rule and by tag, teammates to assign to, and saved views.
 * Every queue page shows the same tags and teammates to everyone, so they are read at most every few
 * seconds (caches {@code inbox-tags} and {@code teammates}) rather than on every page.
 */
@ApplicationScoped
public class InboxSidebar {

    static final int MAX_TAGS = 100;

    @Inject
    SavedViews savedViews;

    @Inject
    RuleDirectory rules;

    @Inject
    @CacheName("teammates")
    Cache teammatesCache;

    @Inject
    @CacheName("inbox-tags")
    Cache tagsCache;

    public record Data(List<RuleDirectory.Entry> rules, List<String> tags, List<String> teammates,
            List<SavedView> views) {
    }

    public Data of(String viewer) {
        return new Data(rules.live(), tags(), teammates(), savedViews.of(viewer));
    }

    /** The tags in use, alphabetically, the first {@value #MAX_TAGS}. */
    @CacheResult(cacheName = "inbox-tags")
    @SuppressWarnings("unchecked")
    public List<String> tags() {
        return List.copyOf(QuarkusTransaction.joiningExisting().call(() -> Conversation.getEntityManager()
                .createNativeQuery("select distinct tag from conversation_tag order by tag").setMaxResults(MAX_TAGS)
                .getResultList()));
    }

    /** Everyone a conversation can be assigned to. */
    @CacheResult(cacheName = "teammates")
    public List<String> teammates() {
        return QuarkusTransaction.joiningExisting()
                .call(() -> User.<User>listAll().stream().map(u -> u.username).sorted().toList());
    }

    /** Tags change only by triage; a tag added here shows in the sidebar at once. */
    void forgetTags(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConversationsChanged change) {
        if ("triage".equals(change.change())) {
            tagsCache.invalidateAll().await().indefinitely();
        }
    }

    /** A deleted user leaves the assign lists at once; a new one joins them when the copy expires. */
    void forgetTeammates(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged change) {
        teammatesCache.invalidateAll().await().indefinitely();
    }
}
