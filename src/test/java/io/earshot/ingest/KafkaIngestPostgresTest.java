package io.earshot.ingest;

import io.earshot.testing.PostgresKafkaProfile;
import io.earshot.testing.RequiresPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link KafkaIngestTest} against a real PostgreSQL: Kafka and PostgreSQL together, as in production. */
@QuarkusTest
@TestProfile(PostgresKafkaProfile.class)
@RequiresPostgres
class KafkaIngestPostgresTest extends KafkaIngestTest {
}
