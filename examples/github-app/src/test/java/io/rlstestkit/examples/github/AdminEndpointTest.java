package io.rlstestkit.examples.github;

import io.rlstestkit.AsScope;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * The admin endpoints, {@code app_admin}: read-only across installations through explicit {@code USING (true)}
 * SELECT policies (no BYPASSRLS), and no privilege at all on the user-scoped tables.
 */
class AdminEndpointTest {

    @RegisterExtension
    static final RlsExtension RLS = GitHubApp.rls();

    static final String[] TABLES = GitHubApp.INSTALLATION_SCOPED_TABLES;

    @ParameterizedTest
    @FieldSource("TABLES")
    void theAdminReadsEveryInstallationsRows(String table, @AsScope("admin") RlsSession admin, Tenants tenants) {
        assertThat(admin).canSee(table).rowsOf(tenants.get("a"));
        assertThat(admin).canSee(table).rowsOf(tenants.get("b"));
    }

    @Test
    void theAdminReadsTheInstallationRegistry(@AsScope("admin") RlsSession admin) {
        assertThat(admin).query("select * from installations").returnsRows(2);
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void theAdminWritesNothing(String table, @AsScope("admin") RlsSession admin, Tenants tenants) {
        assertThat(admin).execute("update " + table + " set installation_id = installation_id").isPermissionDenied();
        assertThat(admin).execute("delete from " + table + " where installation_id = ?", tenants.get("a"))
                .isPermissionDenied();
    }

    @Test
    void theAdminNeverSeesUserSecretsOrAuditEntries(@AsScope("admin") RlsSession admin) {
        assertThat(admin).execute("select * from user_api_keys").isPermissionDenied();
        assertThat(admin).execute("select * from audit_logs").isPermissionDenied();
    }
}
