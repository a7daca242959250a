package io.rlstestkit.examples.github;

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
 * An API request: {@code app_api} after both context setters ran ({@code app.current_installation_id} and
 * {@code app.current_user_github_id}). It reaches its installation's rows and its user's keys and audit entries,
 * and nothing of another installation or another user.
 */
class ApiRequestTest {

    @RegisterExtension
    static final RlsExtension RLS = GitHubApp.rls();

    static final String[] TABLES = GitHubApp.INSTALLATION_SCOPED_TABLES;

    @ParameterizedTest
    @FieldSource("TABLES")
    void aRequestCannotReachAnotherInstallationsRows(String table, @AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(b).cannotSee(table).rowsOf(a);
        assertThat(b).cannotUpdate(table).rowsOf(a);
        assertThat(b).cannotDelete(table).rowsOf(a);
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void aRequestSeesItsOwnInstallationsRows(String table, @AsTenant("a") RlsSession a, Tenants tenants) {
        assertThat(a).canSee(table).rowsOf(tenants.get("a"));
        assertThat(a).query("select installation_id from " + table).returnsOnlyRowsOf(tenants.get("a"));
    }

    @Test
    void aRequestCannotWriteIntoAnotherInstallation(@AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant a = tenants.get("a");
        String repository = "insert into repositories (installation_id, github_repo_id, full_name)"
                + " values (?, 990001, 'org/intruder')";
        assertThat(b).execute(repository, a).violatesPolicy();
        assertThat(b).execute(repository, tenants.get("b")).succeeds();
        assertThat(b).execute("insert into installation_members (installation_id, user_github_id, login)"
                + " values (?, ?, 'intruder')", a, userOf(tenants.get("b"))).violatesPolicy();
        assertThat(b).execute("update webhook_deliveries set installation_id = ?", a).violatesPolicy();
    }

    @Test
    void aReviewCannotPointAtAnotherInstallationsRepository(@AsTenant("b") RlsSession b, Tenants tenants) {
        // The composite foreign key (installation_id, repository_id) refuses it, although the check bypasses RLS.
        assertThat(b).execute("insert into pull_request_reviews (installation_id, repository_id, pr_number, head_sha)"
                        + " values (?, md5(? || ':repo1')::uuid, 7, 'abc')", tenants.get("b"),
                tenants.get("a").id().toString()).violatesConstraint();
    }

    @Test
    void aRequestCannotReadTheInstallationRegistry(@AsTenant("a") RlsSession a) {
        assertThat(a).execute("select * from installations").isPermissionDenied();
    }

    @Test
    void aUserReadsTheirOwnApiKeysAndNobodyElses(@AsTenant("a") RlsSession a, @AsTenant("b") RlsSession b,
                                                  Tenants tenants) {
        long userA = userOf(tenants.get("a"));
        long userB = userOf(tenants.get("b"));
        String keysOf = "select * from user_api_keys where user_github_id = ?";
        assertThat(a).query(keysOf, userA).returnsRows(2);
        assertThat(b).query(keysOf, userA).returnsNoRows();
        assertThat(b).query(keysOf, userB).returnsRows(2);
        assertThat(b).query("select * from user_api_keys where user_github_id <> ?", userB).returnsNoRows();
    }

    @Test
    void aUserCannotChangeOrRemoveAnotherUsersApiKeys(@AsTenant("b") RlsSession b, Tenants tenants) {
        long userA = userOf(tenants.get("a"));
        assertThat(b).execute("update user_api_keys set key_hint = 'stolen' where user_github_id = ?", userA)
                .affectsNoRows();
        assertThat(b).execute("delete from user_api_keys where user_github_id = ?", userA).affectsNoRows();
        // Statements that read no column: only the user's own two keys are reachable.
        assertThat(b).execute("update user_api_keys set last_used_at = now()").affectsRows(2);
        assertThat(b).execute("delete from user_api_keys").affectsRows(2);
    }

    @Test
    void aUserCannotRegisterOrHandOverKeysForAnotherUser(@AsTenant("b") RlsSession b, Tenants tenants) {
        long userA = userOf(tenants.get("a"));
        String key = "insert into user_api_keys (user_github_id, provider, key_hint, encrypted_key)"
                + " values (?, 'google', 'AIza...', 'enc:x')";
        assertThat(b).execute(key, userA).violatesPolicy();
        assertThat(b).execute(key, userOf(tenants.get("b"))).succeeds();
        assertThat(b).execute("update user_api_keys set user_github_id = ?", userA).violatesPolicy();
    }

    @Test
    void aUserReadsOnlyTheirOwnAuditLog(@AsTenant("b") RlsSession b, Tenants tenants) {
        // The seed writes installation a's audit entries as a's user, so they are the rows of tenant a.
        assertThat(b).cannotSee("audit_logs").rowsOf(tenants.get("a"));
        assertThat(b).query("select * from audit_logs where user_github_id = ?", userOf(tenants.get("a")))
                .returnsNoRows();
        assertThat(b).query("select installation_id from audit_logs").returnsOnlyRowsOf(tenants.get("b"));
    }

    @Test
    void theAuditLogIsAppendOnlyAndOnlyForTheRequestsUser(@AsTenant("b") RlsSession b, Tenants tenants) {
        String entry = "insert into audit_logs (user_github_id, installation_id, action) values (?, ?, 'review.requested')";
        assertThat(b).execute(entry, userOf(tenants.get("b")), tenants.get("b")).succeeds();
        assertThat(b).execute(entry, userOf(tenants.get("a")), tenants.get("b")).violatesPolicy();
        assertThat(b).execute("update audit_logs set action = 'rewritten'").isPermissionDenied();
        assertThat(b).execute("delete from audit_logs").isPermissionDenied();
    }
}
