package io.rlstestkit.examples.skills;

import io.rlstestkit.AsScope;
import io.rlstestkit.AsTenant;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * Tenant isolation on the corrected schema: the document's restrictive {@code tenant_isolation} policies plus one
 * permissive {@code tenant_access} policy per table ({@code db/corrected}), on all nine tenant-scoped tables.
 */
class TenantIsolationTest {

    @RegisterExtension
    static final RlsExtension RLS = Marketplace.configuration()
            .migrations("classpath:db/migration", "classpath:db/corrected")
            .build();

    static final String[] TABLES = Marketplace.TABLES;

    @ParameterizedTest
    @FieldSource("TABLES")
    void aTenantCannotReachAnotherTenantsRows(String table, @AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(b).cannotSee(table).rowsOf(a);
        assertThat(b).cannotUpdate(table).rowsOf(a);
        assertThat(b).cannotDelete(table).rowsOf(a);
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void aTenantSeesItsOwnRows(String table, @AsTenant("a") RlsSession a, Tenants tenants) {
        assertThat(a).canSee(table).rowsOf(tenants.get("a"));
        assertThat(a).query("select tenant_id from " + table).returnsOnlyRowsOf(tenants.get("a"));
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void aTenantCannotHandItsRowsToAnother(String table, @AsTenant("b") RlsSession b, Tenants tenants) {
        assertThat(b).execute("update " + table + " set tenant_id = ?", tenants.get("a")).violatesPolicy();
    }

    @Test
    void aTenantCannotInsertRowsForAnother(@AsTenant("b") RlsSession b, Tenants tenants) {
        String setting = "insert into site_settings (tenant_id, key, value) values (?, 'locale', '\"pt\"')";
        assertThat(b).execute(setting, tenants.get("a")).violatesPolicy();
        assertThat(b).execute(setting, tenants.get("b")).succeeds();
        String event = "insert into usage_events (tenant_id, skill_id, event) values (?, md5(? || ':skill1')::uuid::text, 'invoke')";
        assertThat(b).execute(event, tenants.get("a"), Marketplace.TENANT_A).violatesPolicy();
        assertThat(b).execute(event, tenants.get("b"), Marketplace.TENANT_B).succeeds();
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void aConnectionWithoutTenantContextSeesAndChangesNothing(String table, @AsTenant("a") RlsSession a,
                                                              @AsScope("no-context") RlsSession forgotten) {
        assertThat(a).query("select * from " + table).returnsRows(2);
        assertThat(forgotten).query("select * from " + table).returnsNoRows();
        assertThat(forgotten).execute("update " + table + " set tenant_id = tenant_id").affectsNoRows();
        assertThat(forgotten).execute("delete from " + table).affectsNoRows();
    }

    @Test
    void aConnectionWithoutTenantContextInsertsNothing(@AsScope("no-context") RlsSession forgotten, Tenants tenants) {
        assertThat(forgotten).execute("insert into site_settings (tenant_id, key, value) values (?, 'locale', '\"pt\"')",
                tenants.get("a")).violatesPolicy();
    }

    @Test
    void theTenantRegistryIsReadableBeforeAnyContextAndReadOnly(@AsScope("no-context") RlsSession forgotten) {
        assertThat(forgotten).query("select id from tenants where slug = 'tenant-a'").returnsRows(1);
        assertThat(forgotten).execute("insert into tenants (slug, name) values ('tenant-c', 'C')").isPermissionDenied();
    }
}
