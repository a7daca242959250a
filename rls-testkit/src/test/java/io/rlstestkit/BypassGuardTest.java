package io.rlstestkit;

import io.rlstestkit.testing.Fixture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.rlstestkit.ExtensionFailuresTest.testFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant scope that bypasses row-level security is refused when its session is created: in such a scope every
 * deny test would prove nothing. A worker that bypasses is allowed, and says so.
 */
class BypassGuardTest {

    @Test
    void aTenantScopeThatRunsAsTheSuperuser() {
        assertThat(testFailure(NoTenantRole.class)).isEqualTo("Expecting the tenant a scope to be subject to"
                + " row-level security, but it runs as postgres, the user the kit logged in as (no tenant role is"
                + " configured), a superuser: superusers bypass every policy, so a deny test would prove nothing.\nSet"
                + " tenantRole to the role the application connects as (@RlsTest(tenantRole = \"app_user\")).");
    }

    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED)
    @Fixture
    static class NoTenantRole {
        @Test
        void test(@AsTenant("a") RlsSession a) {
        }
    }

    @Test
    void aTenantRoleWithBypassRls() {
        assertThat(testFailure(BypassRlsRole.class)).isEqualTo("Expecting the tenant a scope to be subject to"
                + " row-level security, but its role app_user is a role with BYPASSRLS: BYPASSRLS bypasses every"
                + " policy, so a deny test would prove nothing.\nLet the application connect as a role without it"
                + " (ALTER ROLE app_user NOBYPASSRLS), or configure that role as the tenant role.");
    }

    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "bypassrls"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    @Fixture
    static class BypassRlsRole {
        @Test
        void test(@AsTenant("a") RlsSession a) {
        }
    }

    @Test
    void aTenantRoleThatOwnsATableWithoutForce() {
        assertThat(testFailure(OwnerWithoutForce.class)).isEqualTo("Expecting the tenant b scope to be subject to"
                + " row-level security, but its role app_user owns public.invoices, which has row-level security"
                + " enabled but not forced: a table's owner bypasses its policies.\nForce it (ALTER TABLE"
                + " public.invoices FORCE ROW LEVEL SECURITY), or let the application connect as a role that does not"
                + " own the table.");
    }

    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "owner-without-force"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    @Fixture
    static class OwnerWithoutForce {
        @Test
        void test(@AsTenant("b") RlsSession b) {
        }
    }

    @Nested
    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED, tenantRole = "app_user")
    class AWorkerWithoutARoleOfItsOwn {

        @Test
        void isAllowedToBypassAndSaysSo(@AsWorker RlsSession worker, Tenants tenants) {
            assertThat(worker.description()).isEqualTo("worker (user postgres), a superuser: bypasses row-level"
                    + " security by design");
            RlsAssertions.assertThat(worker).canSee("invoices").rowsOf(tenants.get("a"));
        }
    }
}
