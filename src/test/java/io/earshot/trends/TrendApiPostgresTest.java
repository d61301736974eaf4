package io.earshot.trends;

import io.earshot.testing.PostgresProfile;
import io.earshot.testing.RequiresPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link TrendApiTest} with the rollups upserted into and read from a real PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@RequiresPostgres
class TrendApiPostgresTest extends TrendApiTest {
}
