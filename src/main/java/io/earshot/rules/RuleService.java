package io.earshot.rules;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.earshot.post.Post;
import io.earshot.web.ApiException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Owns listening rules: validates and stores them, and keeps the {@link RuleMatcher} in step with
 * the database (a change reaches the matcher only once its transaction commits).
 */
@ApplicationScoped
public class RuleService {

    /** Start-up order: rules load before any source starts feeding the pipeline. */
    public static final int STARTUP_PRIORITY = 100;

    private final RuleMatcher matcher;

    @Inject
    Event<RuleChanged> changes;

    @Inject
    public RuleService(RulesConfig config) {
        this.matcher = new RuleMatcher(config.matchChunkSize(), config.effectiveMatchThreads());
    }

    @Transactional
    void loadRules(@Observes @Priority(STARTUP_PRIORITY) StartupEvent start) {
        List<Rule> rules = Rule.enabledRules();
        int loaded = 0;
        for (Rule rule : rules) {
            try {
                matcher.register(rule.id, rule.query);
                loaded++;
            } catch (RuntimeException e) {
                // A rule stored by an older version may no longer parse; skip it rather than refuse to start.
                Log.warnf("Rule %d (%s) does not parse and is not matched: %s", rule.id, rule.name, e.getMessage());
            }
        }
        Log.infof("Loaded %d listening rules", loaded);
    }

    /** For each post, the ids of the enabled rules it matches. */
    public List<Set<Long>> match(List<Post> posts) {
        return matcher.match(posts);
    }

    public List<Rule> list() {
        return Rule.live();
    }

    public Rule get(long id) {
        return Rule.findLive(id).orElseThrow(() -> ApiException.notFound("no rule " + id));
    }

    @Transactional
    public Rule create(String name, String query, Boolean enabled) {
        Rule rule = new Rule();
        rule.createdAt = Instant.now();
        rule.enabled = enabled == null || enabled;
        apply(rule, name, query);
        rule.persist();
        changes.fire(new RuleChanged(rule.id, rule.query, rule.enabled));
        return rule;
    }

    @Transactional
    public Rule update(long id, String name, String query, Boolean enabled) {
        Rule rule = get(id);
        if (enabled != null) {
            rule.enabled = enabled;
        }
        apply(rule, name, query);
        changes.fire(new RuleChanged(rule.id, rule.query, rule.enabled));
        return rule;
    }

    @Transactional
    public void delete(long id) {
        Rule rule = get(id);
        rule.deleted = true;
        rule.enabled = false;
        rule.updatedAt = Instant.now();
        changes.fire(new RuleChanged(rule.id, rule.query, false));
    }

    private void apply(Rule rule, String name, String query) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty()) {
            throw ApiException.badRequest("invalid rule", "name is required");
        }
        if (cleanName.length() > Rule.MAX_NAME_LENGTH) {
            throw ApiException.badRequest("invalid rule", "name is longer than " + Rule.MAX_NAME_LENGTH + " characters");
        }
        if (query == null || query.isBlank()) {
            throw ApiException.badRequest("invalid rule", "query is required");
        }
        matcher.validate(query);
        rule.name = cleanName;
        rule.query = query.strip();
        rule.updatedAt = Instant.now();
    }

    void follow(@Observes(during = TransactionPhase.AFTER_SUCCESS) RuleChanged change) {
        if (change.active()) {
            matcher.register(change.ruleId(), change.query());
        } else {
            matcher.remove(change.ruleId());
        }
    }

    @PreDestroy
    void close() throws IOException {
        matcher.close();
    }
}
