package io.earshot.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.DriverManager;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a test class, visibly, when no PostgreSQL answers at {@link PostgresProfile#URL}; with
 * {@code EARSHOT_TEST_REQUIRE_POSTGRES=true} (as CI sets it) a missing PostgreSQL fails instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPostgres.Condition.class)
public @interface RequiresPostgres {

    class Condition implements ExecutionCondition {

        private static volatile String unavailable;
        private static volatile boolean checked;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String reason = check();
            if (reason == null) {
                return ConditionEvaluationResult.enabled("PostgreSQL is reachable at " + PostgresProfile.URL);
            }
            if (Boolean.parseBoolean(System.getenv("EARSHOT_TEST_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("EARSHOT_TEST_REQUIRE_POSTGRES is true but " + reason);
            }
            System.err.println("SKIPPED " + context.getDisplayName() + ": " + reason
                    + " (start PostgreSQL or set EARSHOT_TEST_REQUIRE_POSTGRES=true to make this an error)");
            return ConditionEvaluationResult.disabled(reason);
        }

        private static synchronized String check() {
            if (!checked) {
                try (Connection c = DriverManager.getConnection(PostgresProfile.URL, PostgresProfile.USER, "")) {
                    c.createStatement().execute("select 1");
                    unavailable = null;
                } catch (Exception e) {
                    unavailable = "PostgreSQL is not reachable at " + PostgresProfile.URL + ": " + e.getMessage();
                }
                checked = true;
            }
            return unavailable;
        }
    }
}
