package io.earshot.trends;

import java.time.Instant;

/** A spike alert as {@code GET /api/alerts} and the {@code earshot.alerts} topic show it. */
public record AlertView(long id, RuleRef rule, Instant bucketStart, long count, double baseline, double score) {

    /** The rule that spiked. */
    public record RuleRef(long id, String name) {
    }

    static AlertView of(TrendAlert alert, String ruleName) {
        return new AlertView(alert.id, new RuleRef(alert.ruleId, ruleName), alert.bucketStart, alert.count,
                alert.baseline, alert.score);
    }
}
