package io.earshot.trends;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.earshot.rules.RuleDirectory;

/** Reads stored spike alerts with their rules' names. */
@ApplicationScoped
public class AlertService {

    @Inject
    RuleDirectory directory;

    /** The newest {@code limit} alerts, newest hour first. */
    @Transactional
    public List<AlertView> newest(int limit) {
        List<TrendAlert> alerts = TrendAlert.newest(limit);
        Set<Long> ruleIds = alerts.stream().map(a -> a.ruleId).collect(Collectors.toSet());
        Map<Long, String> names = directory.names(ruleIds);
        return alerts.stream().map(a -> AlertView.of(a, names.getOrDefault(a.ruleId, "rule " + a.ruleId))).toList();
    }
}
