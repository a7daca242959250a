package io.rlstestkit;

import org.junit.jupiter.api.Test;

import static io.rlstestkit.RlsAssertions.assertThat;

@RlsTest(migrations = "classpath:fixtures/sound", seed = "classpath:fixtures/seed/tenant.sql",
        tenantRole = "app_user", workerRole = "app_worker")
class SmokeTest {

    @Test
    void tenantsAreIsolated(@AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(b).cannotSee("invoices").rowsOf(a);
        assertThat(b).cannotUpdate("invoices").rowsOf(a);
        assertThat(b).cannotDelete("invoices").rowsOf(a);
        assertThat(b).execute("insert into invoices(tenant_id, number, amount) values (?, 'x', 10)", a.id()).violatesPolicy();
        assertThat(b).execute("insert into invoices(tenant_id, number, amount) values (?, 'x', 10)", tenants.get("b").id()).succeeds();
    }

    @Test
    void workerSeesEveryTenant(@AsWorker RlsSession worker) {
        assertThat(worker).query("select distinct tenant_id from invoices").returnsRows(2);
    }
}
