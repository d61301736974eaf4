package io.earshot.bench.generate;

import java.time.Instant;

/**
 * One generated post: its envelope as an NDJSON line, the Kafka key (its conversation's root id),
 * and the ids of every generated rule it matches, ascending.
 */
public record GeneratedPost(String id, String key, Instant createdAt, String json, long[] ruleIds) {

    /** Whether it matches a rule among the first {@code ruleCount} (rule sets are prefixes of the ids). */
    public boolean matchesAnyOf(int ruleCount) {
        return ruleIds.length > 0 && ruleIds[0] <= ruleCount;
    }
}
