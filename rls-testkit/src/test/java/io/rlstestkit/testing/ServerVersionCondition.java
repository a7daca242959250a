package io.rlstestkit.testing;

import io.rlstestkit.internal.database.EmbeddedProvider;
import io.rlstestkit.internal.database.PostgresServer;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Disables a {@link RequiresPostgres} test where the embedded server, whose major version it reads once per JVM from
 * a cluster of its own, is older than the test needs.
 */
final class ServerVersionCondition implements ExecutionCondition {

    private static volatile Integer major;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresPostgres> required = context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresPostgres.class));
        if (required.isEmpty()) {
            return ConditionEvaluationResult.enabled("no version required");
        }
        int server = major();
        if (server < required.get().version()) {
            return ConditionEvaluationResult.disabled("needs PostgreSQL " + required.get().version() + " or newer ("
                    + required.get().reason() + "), but the embedded server is PostgreSQL " + server);
        }
        return ConditionEvaluationResult.enabled("PostgreSQL " + server);
    }

    private static synchronized int major() {
        if (major == null) {
            try (PostgresServer server = new EmbeddedProvider().start();
                 Connection connection = server.connect("postgres");
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
                row.next();
                major = row.getInt(1);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the embedded server's version: " + e.getMessage(), e);
            }
        }
        return major;
    }
}
