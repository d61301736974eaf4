package io.earshot.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Kafka settings, under {@code earshot.kafka}. Kafka is off unless bootstrap servers are set. */
@ConfigMapping(prefix = "earshot.kafka")
public interface KafkaConfig {

    String POSTS_TOPIC = "earshot.posts";
    String DEAD_LETTER_TOPIC = "earshot.posts.dlq";

    /** {@code earshot.kafka.bootstrap-servers} (env {@code EARSHOT_KAFKA_BOOTSTRAP_SERVERS}): turns Kafka on. */
    Optional<String> bootstrapServers();

    /** {@code earshot.kafka.group-id}: the consumer group that shares the posts topic. */
    @WithDefault("earshot")
    String groupId();

    /** {@code earshot.kafka.posts-topic}. */
    @WithDefault(POSTS_TOPIC)
    String postsTopic();

    /** {@code earshot.kafka.dead-letter-topic}. */
    @WithDefault(DEAD_LETTER_TOPIC)
    String deadLetterTopic();

    /**
     * {@code earshot.kafka.max-poll-records}: the most records one poll takes. A poll is stored in pipeline
     * batches of {@code earshot.ingest.batch-size}, the next one parsed and matched while the one before is
     * stored, and its offsets are committed once; a backlog is therefore taken in a few large polls.
     */
    @WithDefault("4000")
    int maxPollRecords();

    /**
     * {@code earshot.kafka.fetch-min-bytes} and {@link #fetchMaxWait}: the broker answers the posts consumer's
     * fetch once this much is there or the wait is up. Without it a slow stream came in a batch per few
     * records, each costing a transaction and an index refresh whatever its size, and those fixed costs kept
     * the pipeline busy: in the soak at 200 posts/s, 39-72% of posts were searchable within 500 ms in the
     * first two minutes, and 91-98% with these defaults. A fast stream fills a fetch at once and is not held.
     */
    @WithDefault("131072")
    int fetchMinBytes();

    /** {@code earshot.kafka.fetch-max-wait}: the longest the broker holds a fetch for {@link #fetchMinBytes}. */
    @WithDefault("100ms")
    Duration fetchMaxWait();

    /** {@code earshot.kafka.retry-backoff}: first wait after a failed batch; doubles up to a minute. */
    @WithDefault("1s")
    Duration retryBackoff();

    /**
     * {@code earshot.kafka.client.*}: extra Kafka client properties (security, timeouts), passed as they are.
     * What Earshot sets itself wins over them, such as the fetch settings above.
     */
    Map<String, String> client();

    default boolean enabled() {
        return bootstrapServers().filter(s -> !s.isBlank()).isPresent();
    }
}
