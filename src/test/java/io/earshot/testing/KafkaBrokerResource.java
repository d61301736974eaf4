package io.earshot.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a Quarkus test application at the real Kafka broker of this test JVM ({@link KafkaBroker#shared()}),
 * started on first use, and creates the Earshot topics on it.
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
 * class KafkaIngestTest { ... KafkaBroker.shared().restart(); ... }
 * </pre>
 *
 * or, for a whole profile, {@code testResources()} of a {@code QuarkusTestProfile}. The broker outlives the
 * application: {@link #stop()} leaves it running for the next test class, and a JVM shutdown hook stops it.
 * Tests that share the broker use unique topic names or consumer groups where they must not see each other's records.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** The topics of DESIGN.md, with their partition counts. */
    public static final Map<String, Integer> TOPICS = Map.of(
            "earshot.posts", 3,
            "earshot.posts.dlq", 1,
            "earshot.replies", 3);

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = KafkaBroker.shared();
        TOPICS.forEach(broker::createTopic);
        return Map.of("earshot.kafka.bootstrap-servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        // the shared broker lives as long as the test JVM
    }
}
