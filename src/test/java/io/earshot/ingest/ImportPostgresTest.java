package io.earshot.ingest;

import io.earshot.testing.PostgresProfile;
import io.earshot.testing.RequiresPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ImportTest} against a real PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@RequiresPostgres
class ImportPostgresTest extends ImportTest {
}
