package io.earshot.rules;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CacheResult;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Every rule's name and query, deleted ones included, held in memory. Pages and APIs name the rules
 * that caught a conversation on every request; a brand has tens to thousands of rules and changes
 * them rarely, so reading them once beats a query per page. The copy is dropped when a rule changes
 * here, and expires after a few seconds (config {@code quarkus.cache.caffeine."rule-directory"}) so
 * that another instance's edits show up too.
 */
@ApplicationScoped
public class RuleDirectory {

    /** What a page needs to name a rule and mark the words it matched. */
    public record Entry(long id, String name, String query, boolean enabled, boolean deleted) {

        public boolean live() {
            return !deleted;
        }
    }

    @Inject
    @CacheName("rule-directory")
    Cache cache;

    /** Every rule by id. */
    @CacheResult(cacheName = "rule-directory")
    public Map<Long, Entry> all() {
        Map<Long, Entry> entries = new HashMap<>();
        QuarkusTransaction.joiningExisting().run(() -> Rule.<Rule>listAll().forEach(
                r -> entries.put(r.id, new Entry(r.id, r.name, r.query, r.enabled, r.deleted))));
        return Map.copyOf(entries);
    }

    /** Rules that are not deleted, oldest first. */
    public List<Entry> live() {
        return all().values().stream().filter(Entry::live).sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    /** Names of these rules; an id with no rule is left out. */
    public Map<Long, String> names(Collection<Long> ids) {
        Map<Long, Entry> all = all();
        Map<Long, String> names = new HashMap<>();
        for (Long id : ids) {
            Entry entry = all.get(id);
            if (entry != null) {
                names.put(id, entry.name());
            }
        }
        return names;
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) RuleChanged change) {
        cache.invalidateAll().await().indefinitely();
    }
}
