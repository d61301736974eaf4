package io.earshot.search;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the search index, under {@code earshot.search}. */
@ConfigMapping(prefix = "earshot.search")
public interface SearchConfig {

    /**
     * {@code earshot.search.commit-interval}: how often the index is made durable. Between commits the
     * database holds everything and start-up catch-up re-indexes what the last commit lacked.
     */
    @WithDefault("10s")
    Duration commitInterval();

    /** {@code earshot.search.ram-buffer-mb}: indexing buffer before Lucene flushes a segment. */
    @WithDefault("64")
    double ramBufferMb();
}
