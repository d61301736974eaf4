package io.earshot.trends;

import java.util.HashMap;
import java.util.Map;

import io.earshot.testing.PostgresProfile;
import io.earshot.testing.RequiresPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link PendingRollupsTest} against a real PostgreSQL, where a claim is a {@code delete ... returning}. */
@QuarkusTest
@TestProfile(PendingRollupsPostgresTest.NoTimedFoldsOnPostgres.class)
@RequiresPostgres
class PendingRollupsPostgresTest extends PendingRollupsTest {

    public static class NoTimedFoldsOnPostgres extends PostgresProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.putAll(new NoTimedFolds().getConfigOverrides());
            return overrides;
        }
    }
}
