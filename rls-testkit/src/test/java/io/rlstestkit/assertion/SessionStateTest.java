package io.rlstestkit.assertion;

import io.rlstestkit.AsTenant;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;

/**
 * A setting or role that a session's own statements change is session state: an assertion rolls back the data its
 * statement changed, never the session's settings or role. They stay in effect for that session's later statements
 * and assertions, as on a real connection, and no other session of the test sees them. The schema's bypass policy
 * lets a session that sets {@code app.bypass_rls = 'on'} read every tenant's invoices.
 */
@RlsTest(migrations = {TestSchemas.SOUND, "classpath:fixtures/session-state"}, seed = TestSchemas.SEED,
        tenantRole = "app_user")
class SessionStateTest {

    private static final String SEES_A = """

            Expecting %s not to see rows of tenant a in public.invoices,
            but it sees 3 of tenant a's 3 rows:""".formatted(TestSchemas.B_SCOPE);

    @Test
    void aSettingAnAssertionsStatementChangedStaysForTheSessionsLaterAssertions(@AsTenant("b") RlsSession b) {
        assertThat(b).cannotSee("invoices").rowsOf("a");

        assertThat(b).execute("select set_config('app.bypass_rls', 'on', false)").succeeds();

        assertThatThrownBy(() -> assertThat(b).cannotSee("invoices").rowsOf("a")).hasMessageStartingWith(SEES_A);
        assertThat(b.query("select current_setting('app.bypass_rls') as v")).containsExactly(Map.of("v", "on"));
    }

    @Test
    void aSettingChangedWithSetStaysToo(@AsTenant("b") RlsSession b, Tenants tenants) {
        assertThat(b).execute("set app.current_tenant_id = '" + tenants.get("a").id() + "'").succeeds();

        assertThatThrownBy(() -> assertThat(b).cannotSee("invoices").rowsOf("a")).hasMessageStartingWith("""

                Expecting %s not to see rows of tenant a in public.invoices,
                but it sees 3 of tenant a's 3 rows:""".formatted(TestSchemas.B_SCOPE));
    }

    @Test
    void aRoleChangedWithSetRoleStays(@AsTenant("b") RlsSession b) {
        assertThat(b).execute("set role app_worker").succeeds();

        assertThat(b.query("select current_user as u")).containsExactly(Map.of("u", "app_worker"));
        assertThat(b).query("select * from invoices").returnsRows(6);
        assertThatThrownBy(() -> assertThat(b).cannotSee("invoices").rowsOf("a")).hasMessageStartingWith(SEES_A);
    }

    @Test
    void aSettingChangedThroughTheSessionsOwnCallsStaysAcrossAssertions(@AsTenant("b") RlsSession b)
            throws SQLException {
        b.query("select set_config('app.bypass_rls', 'on', false)");
        assertThatThrownBy(() -> assertThat(b).cannotSee("invoices").rowsOf("a")).hasMessageStartingWith(SEES_A);

        try (Connection connection = b.connection(); Statement statement = connection.createStatement()) {
            statement.execute("select set_config('app.bypass_rls', 'off', false)");
        }
        assertThat(b).cannotSee("invoices").rowsOf("a");
    }

    @Test
    void noOtherSessionSeesIt(@AsTenant("a") RlsSession a, @AsTenant("b") RlsSession b) {
        assertThat(b).execute("select set_config('app.bypass_rls', 'on', false)").succeeds();
        assertThat(b).execute("set role app_worker").succeeds();
        assertThat(b).execute("set statement_timeout = '42s'").succeeds();

        assertThat(a.query("select current_user as u, coalesce(current_setting('app.bypass_rls', true), '') as v,"
                + " current_setting('statement_timeout') as t"))
                .containsExactly(Map.of("u", "app_user", "v", "", "t", "0"));
        assertThat(a).cannotSee("invoices").rowsOf("b");
        assertThat(b.query("select current_user as u, current_setting('app.bypass_rls') as v,"
                + " current_setting('statement_timeout') as t"))
                .containsExactly(Map.of("u", "app_worker", "v", "on", "t", "42s"));
        assertThat(a.query("select current_setting('statement_timeout') as t")).containsExactly(Map.of("t", "0"));
    }

    @Test
    void theDataTheStatementChangedIsRolledBack(@AsTenant("b") RlsSession b) {
        assertThat(b).execute("update invoices set note = 'changed'").affectsRows(3);
        assertThat(b).query("select * from invoices where note = 'changed'").returnsNoRows();
        assertThat(b.query("select count(*) as n from invoices")).isEqualTo(List.of(Map.of("n", 3L)));
    }
}
