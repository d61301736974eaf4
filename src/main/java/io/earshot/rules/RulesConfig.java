package io.earshot.rules;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of rule matching, under {@code earshot.rules}. */
@ConfigMapping(prefix = "earshot.rules")
public interface RulesConfig {

    /** {@code earshot.rules.match-chunk-size}: posts matched per Monitor call. */
    @WithDefault("100")
    int matchChunkSize();
}
