package io.earshot.ingest;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the HTTP and file sources and of threading, under {@code earshot.ingest}. */
@ConfigMapping(prefix = "earshot.ingest")
public interface IngestConfig {

    /** {@code earshot.ingest.batch-size}: records per pipeline batch for imports, large NDJSON bodies and Kafka polls. */
    @WithDefault("1000")
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
