package io.earshot.conversation;

import io.earshot.testing.PostgresProfile;
import io.earshot.testing.RequiresPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link IncidentViewTest} on a real PostgreSQL: the window's {@code exists} probe and the grouped queue. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@RequiresPostgres
class IncidentViewPostgresTest extends IncidentViewTest {
}
