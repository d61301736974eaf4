package io.earshot.testing;

import java.util.List;

/** {@link PostgresProfile} with the suite's real Kafka broker: the production pair. */
public class PostgresKafkaProfile extends PostgresProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class));
    }
}
