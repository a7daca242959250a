package io.rlstestkit.examples.wellness;

import io.rlstestkit.AcceptFinding;
import io.rlstestkit.DenyMatrix;
import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.RlsExtension;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.tuple;

/**
 * The services' row-level security read from the catalog, and the six tables with user data denied to the other
 * user for every command, across the five schemas; the audit on two broken variants.
 */
class WellnessPoliciesTest {

    /** Every service's location, as the other test classes have them. */
    @Nested
    class TheServicesMigrations {

        @RegisterExtension
        static final RlsExtension RLS = WellnessKit.kit().build();

        @Test
        @AcceptFinding(code = RlsAudit.RLS_DISABLED, object = "users.user_roles",
                because = "only service_role, which bypasses row-level security anyway, has USAGE on schema users:"
                        + " authenticated and anon are refused the schema (WellnessUserIsolationTest)")
        void policiesAreSound(RlsAudit audit) {
            audit.assertNoFindings();
        }

        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            // users.user_roles has user_id but no row-level security: users are refused its schema (permission
            // denied), which WellnessUserIsolationTest proves; the preset's storage tables, on which no migration puts
            // a policy, are left out by the matrix itself
            // vouchers are issued by the agent service (service_role): users have no INSERT policy, so the matrix's
            // INSERT test of vouchers passes and says so in its name
            return matrix.excluding("users.user_roles")
                    .tests();
        }
    }

    /** The broken variant where the journal's INSERT policy is the dashboard's "WITH CHECK (true)" template. */
    @Nested
    class WithAnInsertPolicyForAnyUser {

        @RegisterExtension
        static final RlsExtension RLS = WellnessKit.kit().migrations(withVariant("insert-policy-with-check-true"))
                .build();

        @Test
        void theAuditNamesThePolicy(RlsAudit audit) {
            assertThat(audit.findings()).extracting(Finding::code, Finding::object).containsExactly(
                    tuple(RlsAudit.RLS_DISABLED, "users.user_roles"),
                    tuple(RlsAudit.PERMISSIVE_TRUE, "public.journal_entries"));
            assertThat(audit.findings().get(1).message()).startsWith("Policy Enable insert for authenticated users"
                    + " only on public.journal_entries (PERMISSIVE, INSERT, to authenticated) has WITH CHECK (true)");
        }
    }

    /** The broken variant where meals.meals belongs to authenticated (create_all() with the API role). */
    @Nested
    class WithTheForgottenForce {

        @RegisterExtension
        static final RlsExtension RLS = WellnessKit.kit().migrations(withVariant("forgotten-force")).build();

        @Test
        void theAuditNamesTheTableAndTheRole(RlsAudit audit) {
            assertThat(audit.findings()).extracting(Finding::code, Finding::object).containsExactly(
                    tuple(RlsAudit.RLS_DISABLED, "users.user_roles"),
                    tuple(RlsAudit.RLS_NOT_FORCED, "meals.meals"),
                    tuple(RlsAudit.TRUNCATE_GRANTED, "meals.meals"));
            assertThat(audit.findings().get(1).message()).contains("owned by authenticated, the tenant role");
        }
    }

    private static String[] withVariant(String variant) {
        List<String> locations = new ArrayList<>(WellnessKit.LOCATIONS);
        locations.add("classpath:db/broken/" + variant);
        return locations.toArray(String[]::new);
    }
}
