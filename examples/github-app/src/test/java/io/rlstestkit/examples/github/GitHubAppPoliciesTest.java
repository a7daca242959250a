package io.rlstestkit.examples.github;

import io.rlstestkit.AcceptFinding;
import io.rlstestkit.DenyMatrix;
import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.Severity;
import io.rlstestkit.Tenant;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.tuple;

/**
 * The app's row-level security read from the catalog, and every installation-scoped table denied to the other
 * installation for every command, without a test per table. Each nested class registers its own configuration:
 * the app's ({@link GitHubApp#rls()}, shared with the other test classes), or the app's with a broken variant on top.
 */
class GitHubAppPoliciesTest {

    @Nested
    class TheAppsMigrations {

        @RegisterExtension
        static final RlsExtension RLS = GitHubApp.rls();

        /**
         * One finding to accept: the admin endpoints' {@code USING (true)} SELECT policies are bound to
         * {@code app_admin}, which no tenant scope (API request, webhook, jobs) uses, every policy reads its setting
         * with {@code missing_ok}, and V4_1 reads it once per statement; the worker's two SELECT policies on
         * webhook_deliveries are two rules that never admit a row together.
         */
        @Test
        @AcceptFinding(code = RlsAudit.MULTIPLE_PERMISSIVE_POLICIES, object = "public.webhook_deliveries",
                because = "the worker reads one installation's deliveries when the installation is set, and every"
                        + " pending delivery to dispatch when none is set (WorkerTest): one policy needs the setting,"
                        + " the other its absence, so OR-ing them costs one test of the setting per row")
        void policiesAreSound(RlsAudit audit) {
            audit.assertNoFindings();
        }

        /**
         * An API request of one installation against the other's rows. {@code audit_logs} is user-scoped: an
         * installation's entries are its user's ({@code 1000 + ascii(key)}, as the seed writes them), and its UPDATE
         * and DELETE tests hold by privilege (append-only).
         */
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            Function<Tenant, Long> itsUser = GitHubApp::userOf;
            // user_api_keys has no installation_id: its rows belong to a GitHub user, not to an installation, and the
            // kit's tenants cannot carry a bigint user id; ApiRequestTest checks its owner-only rule by user.
            return matrix.excluding("user_api_keys")
                    // the catalog would make up a user id that is nobody's; an entry for an installation is written by
                    // that installation's user, so that the positive control (its own entry) passes the owner check
                    .withRow("audit_logs", Map.of("user_github_id", itsUser))
                    .tests();
        }
    }

    /** The broken variant where installation_members keeps its policy but row-level security is disabled. */
    @Nested
    class WithRowLevelSecurityNotEnabled {

        @RegisterExtension
        static final RlsExtension RLS = GitHubApp.configuration()
                .migrations("classpath:db/migration", "classpath:db/broken/rls-not-enabled")
                .build();

        @Test
        void theAuditNamesTheTable(RlsAudit audit) {
            assertThat(audit.findings()).extracting(Finding::code, Finding::object)
                    .containsExactly(tuple(RlsAudit.RLS_DISABLED, "public.installation_members"),
                            tuple(RlsAudit.MULTIPLE_PERMISSIVE_POLICIES, "public.webhook_deliveries"));
            assertThat(audit.findings().get(0).message())
                    .contains("has the tenant column installation_id but row-level security is off");
        }
    }

    /** The broken variant with an extra permissive "re-run" UPDATE policy that is USING (true). */
    @Nested
    class WithAnUpdatePolicyForEveryRow {

        @RegisterExtension
        static final RlsExtension RLS = GitHubApp.configuration()
                .migrations("classpath:db/migration", "classpath:db/broken/update-using-true")
                .build();

        @Test
        void theAuditNamesThePolicy(RlsAudit audit) {
            assertThat(audit.findings()).extracting(Finding::code, Finding::object)
                    .containsExactly(tuple(RlsAudit.PERMISSIVE_TRUE, "public.pull_request_reviews"),
                            tuple(RlsAudit.MULTIPLE_PERMISSIVE_POLICIES, "public.pull_request_reviews"),
                            tuple(RlsAudit.MULTIPLE_PERMISSIVE_POLICIES, "public.webhook_deliveries"));
            assertThat(audit.findings().get(0).message()).startsWith("Policy pull_request_reviews_rerun on"
                    + " public.pull_request_reviews (PERMISSIVE, UPDATE, to public) has USING (true)");
        }
    }

    /**
     * The broken variant where the user-scoped policies pass through without a user: a condition, not a constant,
     * which the catalog cannot judge. The audit finds no error and no warning (only the cost of the variant's policies,
     * at INFO); WebhookTest and WorkerTest catch it.
     */
    @Nested
    class WithAUserScopePassThrough {

        @RegisterExtension
        static final RlsExtension RLS = GitHubApp.configuration()
                .migrations("classpath:db/migration", "classpath:db/broken/user-scope-pass-through")
                .build();

        @Test
        void theAuditCannotSeeIt(RlsAudit audit) {
            assertThat(audit.findings()).filteredOn(finding -> finding.severity().atLeast(Severity.WARNING)).isEmpty();
        }
    }
}
