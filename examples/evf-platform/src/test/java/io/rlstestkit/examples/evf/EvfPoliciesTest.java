package io.rlstestkit.examples.evf;

import io.rlstestkit.DenyMatrix;
import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.RlsTest;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.tuple;

/**
 * What a team gets without writing a test per table: the catalog read for the mistakes a deny test cannot see, and
 * every table, every command, every pair of tenants denied. The audit log is append-only (tenants may read and add
 * entries, never change or remove one): its UPDATE and DELETE tests hold by privilege, its INSERT like any other's.
 */
@RlsTest(seed = "classpath:db/seed/tenant.sql", tenantRole = "evf_app", tenantSetting = "app.current_tenant")
class EvfPoliciesTest {

    @Test
    void policiesAreSound(RlsAudit audit) {
        audit.assertNoFindings();
    }

    @TestFactory
    Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
        return matrix.tests();
    }

    /** The broken variant where evf_app owns evf and row-level security is not forced. */
    @Nested
    @RlsTest(migrations = {"classpath:db/migration", "classpath:db/broken/forgotten-force"},
            seed = "classpath:db/seed/tenant.sql", tenantRole = "evf_app", tenantSetting = "app.current_tenant")
    class WithTheForgottenForce {

        @Test
        void theAuditNamesTheTableAndTheRole(RlsAudit audit) {
            assertThat(audit.findings()).extracting(Finding::code, Finding::object)
                    .containsExactly(tuple(RlsAudit.RLS_NOT_FORCED, "public.evf"),
                            tuple(RlsAudit.TRUNCATE_GRANTED, "public.evf"));
            assertThat(audit.findings().get(0).message()).contains("owned by evf_app, the tenant role");
        }
    }

    /** The broken variant with a housekeeping DELETE policy that is USING (true). */
    @Nested
    @RlsTest(migrations = {"classpath:db/migration", "classpath:db/broken/delete-using-true"},
            seed = "classpath:db/seed/tenant.sql", tenantRole = "evf_app", tenantSetting = "app.current_tenant")
    class WithAHousekeepingPolicyForEveryRow {

        @Test
        void theAuditNamesThePolicy(RlsAudit audit) {
            assertThat(audit.findings()).extracting(Finding::code, Finding::object)
                    .containsExactly(tuple(RlsAudit.PERMISSIVE_TRUE, "public.evf"),
                            tuple(RlsAudit.MULTIPLE_PERMISSIVE_POLICIES, "public.evf"));
            assertThat(audit.findings().get(0).message()).startsWith("Policy evf_housekeeping on public.evf"
                    + " (PERMISSIVE, DELETE, to evf_app) has USING (true)");
        }
    }
}
