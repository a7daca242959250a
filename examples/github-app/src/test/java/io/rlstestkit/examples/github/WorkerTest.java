package io.rlstestkit.examples.github;

import io.rlstestkit.AsScope;
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
import static io.rlstestkit.examples.github.GitHubApp.userOf;

/**
 * The background worker, {@code app_worker}. Dispatching, it has no context at all and relies on the one documented
 * pass-through: it lists every installation's webhook deliveries (SELECT only). To process a delivery or run a
 * review it sets the installation, and the user whose provider key the review uses; without a user it sees no
 * user-scoped row (strict).
 */
class WorkerTest {

    @RegisterExtension
    static final RlsExtension RLS = GitHubApp.rls();

    @Test
    void theDispatcherListsEveryInstallationsDeliveriesWithoutContext(@AsWorker RlsSession dispatcher,
                                                                      Tenants tenants) {
        assertThat(dispatcher).canSee("webhook_deliveries").rowsOf(tenants.get("a"));
        assertThat(dispatcher).canSee("webhook_deliveries").rowsOf(tenants.get("b"));
        assertThat(dispatcher).query("select * from webhook_deliveries where status = 'pending'").returnsRows(2);
    }

    @Test
    void theDispatcherCannotProcessOrRehomeADeliveryWithoutAnInstallation(@AsWorker RlsSession dispatcher,
                                                                         Tenants tenants) {
        assertThat(dispatcher).cannotUpdate("webhook_deliveries").rowsOf(tenants.get("a"));
        assertThat(dispatcher).cannotUpdate("webhook_deliveries").rowsOf(tenants.get("b"));
        assertThat(dispatcher).execute("update webhook_deliveries set status = 'processed' where status = 'pending'")
                .affectsNoRows();
        assertThat(dispatcher).execute("update webhook_deliveries set installation_id = ?", tenants.get("b"))
                .affectsNoRows();
    }

    @ParameterizedTest
    @ValueSource(strings = {"installation_members", "repositories", "pull_request_reviews"})
    void withoutAnInstallationTheDispatcherReachesNoOtherInstallationScopedRow(String table,
                                                                              @AsWorker RlsSession dispatcher,
                                                                              Tenants tenants) {
        assertThat(dispatcher).cannotSee(table).rowsOf(tenants.get("a"));
        assertThat(dispatcher).cannotUpdate(table).rowsOf(tenants.get("a"));
    }

    @Test
    void aDeliveryJobProcessesOnlyItsInstallationsDeliveries(
            @AsScope(value = "delivery-job", tenant = "b") RlsSession job, Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(job).cannotSee("webhook_deliveries").rowsOf(a);
        assertThat(job).cannotUpdate("webhook_deliveries").rowsOf(a);
        assertThat(job).execute("update webhook_deliveries set status = 'processed', processed_at = now()"
                + " where status = 'pending'").affectsRows(1);
        assertThat(job).execute("update webhook_deliveries set installation_id = ?", a).violatesPolicy();
    }

    @Test
    void aReviewJobWorksOnlyOnItsInstallationsReviews(@AsScope(value = "review-job", tenant = "b") RlsSession job,
                                                     Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(job).cannotSee("pull_request_reviews").rowsOf(a);
        assertThat(job).cannotUpdate("pull_request_reviews").rowsOf(a);
        assertThat(job).execute("update pull_request_reviews set status = 'running' where status = 'pending'")
                .affectsRows(1);
        assertThat(job).execute("insert into pull_request_reviews (installation_id, repository_id, pr_number, head_sha)"
                + " values (?, md5(? || ':repo1')::uuid, 9, 'abc')", a, a.id().toString()).violatesPolicy();
    }

    @Test
    void aReviewJobReadsOnlyTheKeysOfItsUser(@AsScope(value = "review-job", tenant = "a") RlsSession job,
                                            Tenants tenants) {
        long userA = userOf(tenants.get("a"));
        assertThat(job).query("select * from user_api_keys where user_github_id = ?", userA).returnsRows(2);
        assertThat(job).query("select * from user_api_keys where user_github_id <> ?", userA).returnsNoRows();
        assertThat(job).execute("update user_api_keys set last_used_at = now()").isPermissionDenied();
    }

    @Test
    void aReviewJobAppendsAuditEntriesForItsUserOnly(@AsScope(value = "review-job", tenant = "a") RlsSession job,
                                                    Tenants tenants) {
        Tenant a = tenants.get("a");
        String entry = "insert into audit_logs (user_github_id, installation_id, action) values (?, ?, 'review.completed')";
        assertThat(job).execute(entry, userOf(a), a).succeeds();
        assertThat(job).execute(entry, userOf(tenants.get("b")), a).violatesPolicy();
        assertThat(job).execute("select * from audit_logs").isPermissionDenied();
    }

    @Test
    void withoutAUserTheWorkerSeesAndWritesNoUserScopedRows(@AsWorker RlsSession dispatcher,
                                                           @AsScope(value = "delivery-job", tenant = "b") RlsSession job,
                                                           @AsScope(value = "review-job", tenant = "b") RlsSession review,
                                                           Tenants tenants) {
        // Strict: the keys are there, and the worker sees them once it acts for their user.
        assertThat(review).query("select * from user_api_keys").returnsRows(2);
        assertThat(dispatcher).query("select * from user_api_keys").returnsNoRows();
        assertThat(job).query("select * from user_api_keys").returnsNoRows();
        assertThat(dispatcher).execute("insert into audit_logs (user_github_id, installation_id, action)"
                + " values (?, ?, 'delivery.dispatched')", userOf(tenants.get("b")), tenants.get("b")).violatesPolicy();
    }
}
