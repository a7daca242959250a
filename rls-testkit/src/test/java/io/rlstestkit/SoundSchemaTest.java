package io.rlstestkit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static io.rlstestkit.RlsAssertions.assertThat;

/** The kit on a sound schema: every check holds, and every test starts from the seeded state. */
@SoundSchema
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SoundSchemaTest {

    @Test
    void tenantsAreIsolated(@AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(b).cannotSee("invoices").rowsOf(a);
        assertThat(b).cannotUpdate("invoices").rowsOf(a);
        assertThat(b).cannotDelete("invoices").rowsOf(a);
        assertThat(b).cannotDelete("payments").rowsOf("a");
        assertThat(b).execute("insert into invoices(tenant_id, number, amount) values (?, 'x-1', 10)", a.id())
                .violatesPolicy();
        assertThat(b).execute("insert into invoices(tenant_id, number, amount) values (?, 'x-1', 10)",
                tenants.get("b").id()).succeeds().affectsRows(1);
    }

    @Test
    void workerSeesEveryTenant(@AsWorker RlsSession worker, Tenants tenants) {
        assertThat(worker).query("select distinct tenant_id from invoices").returnsRows(2);
        assertThat(worker).canSee("invoices").rowsOf(tenants.get("a"));
    }

    @Test
    @AsTenant("a")
    void theMethodsScopeIsTheDefault(RlsSession a, Tenants tenants) {
        assertThat(a.tenant()).isEqualTo(tenants.get("a"));
        assertThat(a).canSee("invoices").rowsOf(tenants.get("a"));
        assertThat(a).query("select * from invoices").returnsRows(3).returnsOnlyRowsOf(tenants.get("a"));
    }

    @Test
    void tenantIdsAreUuidsDerivedFromTheKey(Tenants tenants) {
        assertThat(tenants.keys()).containsExactly("a", "b");
        assertThat(tenants.get("a").id()).isEqualTo(UUID.fromString(TestSchemas.A_ID));
        assertThat(tenants.get("b").id()).isEqualTo(UUID.fromString(TestSchemas.B_ID));
    }

    @Test
    void sessionsDescribeTheirScope(@AsTenant("b") RlsSession b, @AsWorker RlsSession worker, @AsOwner RlsSession owner) {
        assertThat(b.description()).isEqualTo(TestSchemas.B_SCOPE);
        assertThat(b.role()).isEqualTo("app_user");
        assertThat(b.settings()).containsExactly(Map.entry("app.current_tenant_id", TestSchemas.B_ID));
        assertThat(worker.description()).isEqualTo("worker (role app_worker)");
        assertThat(owner.description())
                .isEqualTo("owner (user postgres), a superuser: bypasses row-level security");
        assertThat(b.query("select current_user as u, current_setting('app.current_tenant_id') as t"))
                .containsExactly(Map.of("u", "app_user", "t", TestSchemas.B_ID));
        assertThat(worker.query("select current_user as u, current_setting('app.current_tenant_id', true) as t"))
                .containsExactly(Map.of("u", "app_worker", "t", ""));
    }

    @Test
    void theOwnerArrangesRowsThatTenantsThenSee(@AsOwner RlsSession owner, @AsTenant("a") RlsSession a, Tenants tenants) {
        owner.update("insert into invoices(tenant_id, number, amount) values (?, 'a-arranged', 5)", tenants.get("a"));
        assertThat(a.query("select number from invoices where number = 'a-arranged'")).hasSize(1);
        assertThat(a).query("select * from invoices").returnsRows(4);
    }

    @Test
    void assertionsLeaveNoTrace(@AsTenant("b") RlsSession b, @AsOwner RlsSession owner, Tenants tenants) {
        Object before = owner.query("select count(*) as n, sum(amount) as total from invoices");
        assertThat(b).execute("insert into invoices(tenant_id, number, amount) values (?, 'x-2', 10)", tenants.get("b"))
                .succeeds();
        assertThat(b).execute("update invoices set amount = 0").affectsRows(3);
        assertThat(b).execute("delete from payments").affectsRows(3);
        assertThat(b).cannotUpdate("invoices").rowsOf(tenants.get("a"));
        assertThat(b).cannotDelete("invoices").rowsOf(tenants.get("a"));
        assertThat(owner.query("select count(*) as n, sum(amount) as total from invoices")).isEqualTo(before);
        assertThat(owner.query("select count(*) as n from payments")).containsExactly(Map.of("n", 6L));
    }

    @Test
    @Order(1)
    void aTestChangesRowsWithoutCommitting(@AsOwner RlsSession owner) {
        owner.update("delete from payments");
        owner.update("delete from invoices");
        owner.update("select nextval('invoices_id_seq') from generate_series(1, 10)");
        assertThat(owner.query("select * from invoices")).isEmpty();
    }

    @Test
    @Order(2)
    void theNextTestStartsFromTheSeededState(@AsOwner RlsSession owner) {
        assertSeededState(owner);
    }

    @Test
    @Order(3)
    void aTestCommitsThroughTheApplicationsOwnConnection(RlsDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("delete from payments");
            statement.execute("delete from invoices");
        }
    }

    @Test
    @Order(4)
    void theTestAfterACommitStartsFromTheSeededStateToo(@AsOwner RlsSession owner) {
        assertSeededState(owner);
    }

    private static void assertSeededState(RlsSession owner) {
        assertThat(owner.query("select count(*) as n from invoices")).containsExactly(Map.of("n", 6L));
        assertThat(owner.query("select count(*) as n from payments")).containsExactly(Map.of("n", 6L));
        assertThat(owner.query("select last_value as v from invoices_id_seq")).containsExactly(Map.of("v", 6L));
    }
}
