package io.earshot.ingest;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the HTTP and file sources and of threading, under {@code earshot.ingest}. */
@ConfigMapping(prefix = "earshot.ingest")
public interface IngestConfig {

    /**
     * {@code earshot.ingest.batch-size}: records per pipeline batch for imports, large NDJSON bodies and
     * Kafka polls. Each batch costs a transaction, a fixed set of look-ups and an index refresh whatever
     * its size: 4,000 (a whole poll) against 1,000 took a quarter less app CPU per post when every post
     * matched and 43% less for a brand's stream (the benchmark's ingest section, same hour).
     */
    @WithDefault("4000")
    int batchSize();

    /** {@code earshot.ingest.max-request-bytes}: the largest body {@code POST /api/posts} reads (imports stream). */
    @WithDefault("33554432")
    long maxRequestBytes();

    /** {@code earshot.ingest.max-errors}: errors listed in one answer; every refusal is in the dead letters. */
    @WithDefault("1000")
    int maxErrors();

    /** {@code earshot.ingest.hold-replies-for}: how long a reply waits for its parent before it is dropped. */
    @WithDefault("P7D")
    Duration holdRepliesFor();
}
