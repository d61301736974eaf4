package io.earshot.trends;

import io.earshot.testing.PostgresProfile;
import io.earshot.testing.RequiresPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link SpikeAndRebuildTest} against a real PostgreSQL: alerts, rebuilt rollups, dry runs. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@RequiresPostgres
class SpikeAndRebuildPostgresTest extends SpikeAndRebuildTest {
}
