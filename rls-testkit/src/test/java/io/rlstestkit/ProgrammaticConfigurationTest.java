package io.rlstestkit;

import io.rlstestkit.guard.TenantContextViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scopes that need more than the annotation says: several settings, JWT claims, named scopes. */
class ProgrammaticConfigurationTest {

    @RegisterExtension
    static final RlsExtension RLS = RlsExtension.configure()
            .migrations(TestSchemas.SOUND)
            .seed(TestSchemas.SEED)
            .tenantRole("app_user")
            .tenantSetting("app.current_tenant_id")
            .tenantSetting("app.current_tenant_key", Tenant::key)
            .tenantClaim("sub", Tenant::id)
            .tenantClaim("roles", tenant -> List.of("member", tenant.key()))
            .workerRole("app_worker")
            .workerSetting("app.job", "nightly-report")
            .workerClaim("role", "worker")
            .scope("support", scope -> scope.role("app_worker").setting("app.ticket", "42"))
            .scope("audit", scope -> scope.role("app_user")
                    .tenantSetting("app.current_tenant_id", Tenant::id)
                    .claim("role", "auditor"))
            .guardSystemRoles("app_worker")
            .build();

    private static final String SETTINGS = "select current_user as role,"
            + " current_setting('app.current_tenant_id', true) as tenant,"
            + " current_setting('app.current_tenant_key', true) as key,"
            + " current_setting('app.job', true) as job,"
            + " current_setting('request.jwt.claims', true) as claims,"
            + " current_setting('request.jwt.claim.sub', true) as sub,"
            + " current_setting('request.jwt.claim.roles', true) as roles,"
            + " current_setting('request.jwt.claim.role', true) as claim_role";

    @Test
    void aTenantScopeSetsEverySettingAndClaim(@AsTenant("a") RlsSession a) {
        assertThat(a.query(SETTINGS)).containsExactly(row("app_user", TestSchemas.A_ID, "a", "",
                "{\"sub\":\"" + TestSchemas.A_ID + "\",\"roles\":[\"member\",\"a\"]}", TestSchemas.A_ID, "[\"member\",\"a\"]", ""));
    }

    @Test
    void theWorkerScopeSetsItsOwnAndClearsTheTenants(@AsTenant("a") RlsSession a, @AsWorker RlsSession worker) {
        a.query("select 1");
        assertThat(worker.query(SETTINGS)).containsExactly(row("app_worker", "", "", "nightly-report",
                "{\"role\":\"worker\"}", "", "", "worker"));
    }

    @Test
    void namedScopesWithAndWithoutATenant(@AsScope("support") RlsSession support,
                                          @AsScope(value = "audit", tenant = "b") RlsSession audit, Tenants tenants) {
        assertThat(support.query("select current_user as u, current_setting('app.ticket') as t"))
                .containsExactly(Map.of("u", "app_worker", "t", "42"));
        assertThat(audit.tenant()).isEqualTo(tenants.get("b"));
        assertThat(audit.description()).isEqualTo("scope audit of tenant b (role app_user, app.current_tenant_id = '"
                + TestSchemas.B_ID + "', request.jwt.claims = '{\"role\":\"auditor\"}')");
        assertThat(audit).cannotSee("invoices").rowsOf(tenants.get("a"));
        assertThat(audit).query("select * from invoices").returnsOnlyRowsOf(tenants.get("b"));
    }

    @Test
    void theGuardAllowsTheConfiguredSystemRole(RlsDatabase database) throws SQLException {
        try (Connection connection = database.guarded().getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("set local role app_worker");
            try (ResultSet rows = statement.executeQuery("select count(*) from invoices")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(6);
            }
            statement.execute("set local role app_user");
            assertThat(catchThrowable(() -> statement.executeQuery("select count(*) from invoices")))
                    .isInstanceOf(TenantContextViolation.class);
            connection.rollback();
        }
    }

    @Test
    void theGuardsSystemRolesAreRoleNames() {
        assertThatThrownBy(() -> RlsExtension.configure().guardSystemRoles("app_worker", "app worker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expecting each of RlsExtension.configure().guardSystemRoles(...) to be a role's name"
                        + " alone, but got \"app worker\".\nName the roles the guard allows to run anything (the"
                        + " worker's, the migrations'), as PostgreSQL stores them: \"app_worker\".");
    }

    private static Map<String, Object> row(String role, String tenant, String key, String job, String claims,
                                           String sub, String roles, String claimRole) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("role", role);
        row.put("tenant", tenant);
        row.put("key", key);
        row.put("job", job);
        row.put("claims", claims);
        row.put("sub", sub);
        row.put("roles", roles);
        row.put("claim_role", claimRole);
        return row;
    }
}
