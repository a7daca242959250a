package io.rlstestkit.examples.github;

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
import static io.rlstestkit.examples.github.GitHubApp.userOf;

/**
 * A webhook: {@code app_api} after {@code set_installation_context} only; no user is behind it. It reaches its
 * installation's rows, and, the user-scoped tables being strict, no user's keys or audit entries at all.
 */
class WebhookTest {

    @RegisterExtension
    static final RlsExtension RLS = GitHubApp.rls();

    static final String[] TABLES = GitHubApp.INSTALLATION_SCOPED_TABLES;

    @ParameterizedTest
    @FieldSource("TABLES")
    void aWebhookCannotReachAnotherInstallationsRows(String table,
                                                     @AsScope(value = "webhook", tenant = "b") RlsSession webhook,
                                                     Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(webhook).cannotSee(table).rowsOf(a);
        assertThat(webhook).cannotUpdate(table).rowsOf(a);
        assertThat(webhook).cannotDelete(table).rowsOf(a);
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void aWebhookSeesItsOwnInstallationsRows(String table,
                                             @AsScope(value = "webhook", tenant = "b") RlsSession webhook,
                                             Tenants tenants) {
        assertThat(webhook).canSee(table).rowsOf(tenants.get("b"));
        assertThat(webhook).query("select installation_id from " + table).returnsOnlyRowsOf(tenants.get("b"));
    }

    @Test
    void aWebhookRecordsDeliveriesForItsOwnInstallationOnly(@AsScope(value = "webhook", tenant = "b") RlsSession webhook,
                                                           Tenants tenants) {
        String delivery = "insert into webhook_deliveries (installation_id, github_delivery_id, event)"
                + " values (?, ?, 'pull_request')";
        assertThat(webhook).execute(delivery, tenants.get("b"), "b-delivery-3").succeeds();
        assertThat(webhook).execute(delivery, tenants.get("a"), "a-delivery-3").violatesPolicy();
    }

    @Test
    void withoutAUserAWebhookSeesNoUserScopedRows(@AsScope(value = "webhook", tenant = "b") RlsSession webhook,
                                                  @AsTenant("b") RlsSession request) {
        // Strict: the rows are there, and the API request of the same installation's user sees them.
        assertThat(request).query("select * from user_api_keys").returnsRows(2);
        assertThat(request).query("select * from audit_logs").returnsRows(2);
        assertThat(webhook).query("select * from user_api_keys").returnsNoRows();
        assertThat(webhook).query("select * from audit_logs").returnsNoRows();
    }

    @Test
    void withoutAUserAWebhookWritesNoUserScopedRows(@AsScope(value = "webhook", tenant = "b") RlsSession webhook,
                                                    Tenants tenants) {
        long userB = userOf(tenants.get("b"));
        assertThat(webhook).execute("insert into user_api_keys (user_github_id, provider, key_hint, encrypted_key)"
                + " values (?, 'google', 'AIza...', 'enc:x')", userB).violatesPolicy();
        assertThat(webhook).execute("update user_api_keys set key_hint = 'rotated'").affectsNoRows();
        assertThat(webhook).execute("delete from user_api_keys").affectsNoRows();
        assertThat(webhook).execute("insert into audit_logs (user_github_id, installation_id, action)"
                + " values (?, ?, 'webhook.received')", userB, tenants.get("b")).violatesPolicy();
    }
}
