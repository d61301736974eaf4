package io.earshot.conversation;

import io.earshot.testing.PostgresProfile;
import io.earshot.testing.RequiresPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ThreadingTest} against a real PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@RequiresPostgres
class ThreadingPostgresTest extends ThreadingTest {
}
