package io.rlstestkit.examples.evf;

import io.rlstestkit.AsScope;
import io.rlstestkit.AsTenant;
import io.rlstestkit.AsWorker;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * Tenant isolation of the EVF platform, per the guide: requests, background tasks and agents all run as
 * {@code evf_app} with {@code app.current_tenant} set per transaction; system operations run as {@code evf_system},
 * which bypasses row-level security by design; a path that forgot its context sees nothing.
 */
class EvfTenantIsolationTest {

    @RegisterExtension
    static final RlsExtension RLS = RlsExtension.configure()
            .seed("classpath:db/seed/tenant.sql")
            .tenantRole("evf_app")
            .tenantSetting("app.current_tenant")
            .workerRole("evf_system")
            .scope("forgotten-context", scope -> scope.role("evf_app"))
            .build();

    @ParameterizedTest
    @ValueSource(strings = {"evf", "evf_documents", "compliance_checks", "audit_logs"})
    void aTenantCannotReachAnotherTenantsRows(String table, @AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(b).cannotSee(table).rowsOf(a);
        assertThat(b).cannotUpdate(table).rowsOf(a);
        assertThat(b).cannotDelete(table).rowsOf(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evf", "evf_documents", "compliance_checks", "audit_logs"})
    void aTenantSeesItsOwnRows(String table, @AsTenant("a") RlsSession a, Tenants tenants) {
        assertThat(a).canSee(table).rowsOf(tenants.get("a"));
        assertThat(a).query("select tenant_id from " + table).returnsOnlyRowsOf(tenants.get("a"));
    }

    @Test
    void aTenantCannotWriteRowsForAnother(@AsTenant("b") RlsSession b, Tenants tenants) {
        String insert = "insert into evf (tenant_id, name) values (?, 'Hostile takeover')";
        assertThat(b).execute(insert, tenants.get("a")).violatesPolicy();
        assertThat(b).execute(insert, tenants.get("b")).succeeds();
        assertThat(b).execute("update evf set tenant_id = ?", tenants.get("a")).violatesPolicy();
        assertThat(b).execute("insert into audit_logs (tenant_id, event) values (?, 'evf.viewed')",
                tenants.get("a")).violatesPolicy();
    }

    @Test
    void aDocumentCannotHangUnderAnotherTenantsEvf(@AsTenant("b") RlsSession b, Tenants tenants) {
        // The composite foreign key evf (tenant_id, id) refuses it, even though the check itself bypasses RLS.
        assertThat(b).execute("insert into evf_documents (tenant_id, evf_id, filename, kind)"
                + " values (?, md5(? || ':evf1')::uuid, 'x.pdf', 'other')", tenants.get("b"),
                tenants.get("a").id().toString()).violatesConstraint();
    }

    @Test
    void theAuditLogIsAppendOnlyAndTakesTenantlessSecurityEvents(@AsTenant("a") RlsSession a) {
        assertThat(a).execute("insert into audit_logs (tenant_id, event, security_event)"
                + " values (null, 'RLS violation', 'RLS_NOT_ENFORCED')").succeeds();
        assertThat(a).execute("insert into audit_logs (tenant_id, event) values (null, 'anonymous')")
                .violatesPolicy();
        assertThat(a).execute("update audit_logs set event = 'rewritten'").isPermissionDenied();
        assertThat(a).execute("delete from audit_logs").isPermissionDenied();
    }

    @Test
    void systemOperationsSeeEveryTenantButWriteNoEvfData(@AsWorker RlsSession system, Tenants tenants) {
        assertThat(system.description()).endsWith("a role with BYPASSRLS: bypasses row-level security by design");
        assertThat(system).query("select distinct tenant_id from evf").returnsRows(2);
        assertThat(system).canSee("audit_logs").rowsOf(tenants.get("a"));
        assertThat(system).query("select * from audit_logs where tenant_id is null").returnsRows(2);
        assertThat(system).execute("update evf set name = 'x'").isPermissionDenied();
    }

    @Test
    void aPathThatForgotItsContextSeesNothing(@AsScope("forgotten-context") RlsSession forgotten, Tenants tenants) {
        assertThat(forgotten).query("select * from evf").returnsNoRows();
        assertThat(forgotten).query("select * from audit_logs").returnsNoRows();
        assertThat(forgotten).execute("insert into evf (tenant_id, name) values (?, 'x')", tenants.get("a"))
                .violatesPolicy();
    }
}
