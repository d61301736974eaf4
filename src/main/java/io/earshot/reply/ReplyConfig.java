package io.earshot.reply;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Outbound reply settings, under {@code earshot.reply}. Kafka itself is configured under {@code earshot.kafka}. */
@ConfigMapping(prefix = "earshot.reply")
public interface ReplyConfig {

    String REPLIES_TOPIC = "earshot.replies";
    String STATUS_TOPIC = "earshot.reply-status";
    String POSITION_TOPIC = "earshot.replies.relay-position";

    /** {@code earshot.reply.max-length}: longest reply in code points on platforms other than {@code x}. */
    @WithDefault("5000")
    int maxLength();

    /** {@code earshot.reply.topic}: where the relay publishes replies. */
    @WithDefault(REPLIES_TOPIC)
    String topic();

    /** {@code earshot.reply.status-topic}: where connectors report delivery. */
    @WithDefault(STATUS_TOPIC)
    String statusTopic();

    /**
     * {@code earshot.reply.position-topic}: a one-partition topic whose committed offset (in the relay's
     * group) records the last batch the relay published; the relay creates it.
     */
    @WithDefault(POSITION_TOPIC)
    String positionTopic();

    /** {@code earshot.reply.transactional-id}: the relay producer's stable transactional id. */
    @WithDefault("earshot-reply-relay")
    String transactionalId();

    /** {@code earshot.reply.relay-group}: the consumer group holding the relay's position. */
    @WithDefault("earshot-reply-relay")
    String relayGroup();

    /** {@code earshot.reply.status-group}: the consumer group reading delivery reports. */
    @WithDefault("earshot-reply-status")
    String statusGroup();

    /** {@code earshot.reply.batch-size}: most outbox rows per Kafka transaction (at most 100 are used). */
    @WithDefault("100")
    int batchSize();

    /** {@code earshot.reply.poll-interval}: how often the relay looks for rows nobody told it about. */
    @WithDefault("1s")
    Duration pollInterval();

    /** {@code earshot.reply.retry-backoff}: first wait after a relay or report failure; doubles up to a minute. */
    @WithDefault("1s")
    Duration retryBackoff();

    /**
     * {@code earshot.reply.channels}: platforms a connector delivers replies for, e.g. {@code x,bluesky}.
     * Default: the platforms of {@code earshot.brand.handles}. A channel is connected only when Kafka is on.
     */
    Optional<List<String>> channels();

    /**
     * {@code earshot.reply.relay-fault-pause}: a testing aid, unset (off) in production. {@code before-commit}
     * or {@code after-commit} makes the relay stop at that point of its first batch and wait there until the
     * process ends, logging {@value RelayFaultPause#LOG_LINE}, so that a fault test can kill the process at
     * exactly that point. It only pauses; the test does the killing.
     */
    Optional<RelayFaultPause> relayFaultPause();

    /** Where {@link #relayFaultPause()} holds the relay. */
    enum RelayFaultPause {
        /** The batch's records are sent and flushed to the broker, its Kafka transaction not committed. */
        BEFORE_COMMIT,
        /** The Kafka transaction committed, the rows not yet marked published in the database. */
        AFTER_COMMIT;

        public static final String LOG_LINE = "Reply relay paused for a fault test";
    }
}
