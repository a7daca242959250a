package io.rlstestkit;

import io.rlstestkit.internal.database.WorkingDatabase;
import io.rlstestkit.internal.environment.ConfigurationBuilder;
import io.rlstestkit.internal.environment.Environment;
import io.rlstestkit.internal.environment.Environments;
import io.rlstestkit.internal.environment.KitConfiguration;
import io.rlstestkit.internal.environment.TestRun;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles and settings are transaction-local: after a test, the connection it used keeps no role or setting of it.
 * The test borrows that very connection afterwards and looks.
 */
class TransactionLocalScopesTest {

    @Test
    void noConnectionKeepsARoleOrSettingOfATest() throws SQLException {
        KitConfiguration configuration = new ConfigurationBuilder().migrations(java.util.List.of(TestSchemas.SOUND))
                .seed(TestSchemas.SEED).tenantRole("app_user").build(key -> Optional.empty(), getClass().getClassLoader());
        Environment environment = Environments.instance().environment(configuration);

        try (TestRun run = Environments.instance().startTest(configuration, getClass().getName())) {
            RlsSession b = run.tenant(environment.tenants().get("b"));
            assertThat(b.query("select current_user as u")).containsExactly(java.util.Map.of("u", "app_user"));
            RlsAssertions.assertThat(b).cannotSee("invoices").rowsOf("a");
        }

        WorkingDatabase database = environment.pool().acquire();
        Connection connection = database.borrow();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select current_user, session_user, current_setting('role'),"
                     + " coalesce(current_setting('app.current_tenant_id', true), '<unset>'),"
                     + " (select count(*) from pg_stat_activity where datname = current_database()"
                     + "  and state like 'idle in transaction%')")) {
            row.next();
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(row.getString(1)).isEqualTo("postgres");
            assertThat(row.getString(2)).isEqualTo("postgres");
            assertThat(row.getString(3)).isEqualTo("none");
            assertThat(row.getString(4)).isIn("", "<unset>");
            assertThat(row.getLong(5)).isZero();
        } finally {
            database.giveBack(connection);
            environment.pool().release(database, false);
        }
    }
}
