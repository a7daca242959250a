package io.rlstestkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;

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
