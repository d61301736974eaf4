package io.earshot.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs a test class against the real PostgreSQL on 127.0.0.1:5432 (database {@code test}) instead of
 * H2: the same migrations, the same code, re-augmented for {@code db-kind=postgresql}. Pair with
 * {@link RequiresPostgres}.
 */
public class PostgresProfile implements QuarkusTestProfile {

    public static final String URL = System.getProperty("earshot.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getProperty("earshot.test.postgres.user", "postgres");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", URL,
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", "",
                "quarkus.flyway.clean-at-start", "true",
                "quarkus.flyway.clean-disabled", "false");
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
