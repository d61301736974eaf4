package io.earshot.rules;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of rule matching, under {@code earshot.rules}. */
@ConfigMapping(prefix = "earshot.rules")
public interface RulesConfig {

    /** {@code earshot.rules.match-chunk-size}: posts parsed and matched per screening task. */
    @WithDefault("100")
    int matchChunkSize();

    /** {@code earshot.rules.match-threads}: chunks matched at once; 0 means one per processor. */
    @WithDefault("0")
    int matchThreads();

    default int effectiveMatchThreads() {
        return matchThreads() > 0 ? matchThreads() : Runtime.getRuntime().availableProcessors();
    }
}
