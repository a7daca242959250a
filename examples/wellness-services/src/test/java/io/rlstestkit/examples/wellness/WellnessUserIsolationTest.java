package io.rlstestkit.examples.wellness;

import io.rlstestkit.AsScope;
import io.rlstestkit.AsTenant;
import io.rlstestkit.AsWorker;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * The review's database layer (its script 04): every table of the services' user data has row-level security with
 * {@code user_id = auth.uid()}. A user through the Supabase client ({@code authenticated}, the JWT's {@code sub})
 * reaches only their own rows; an anonymous client nothing; a request whose JWT has no {@code sub} nothing; the
 * services' {@code service_role} everything, by design (Issue 3 of the review).
 */
class WellnessUserIsolationTest {

    @RegisterExtension
    static final RlsExtension RLS = WellnessKit.kit()
            .scope("without-sub", scope -> scope.role("authenticated").claim("role", "authenticated"))
            .build();

    static final List<String> USER_TABLES = WellnessKit.USER_TABLES;

    @ParameterizedTest
    @FieldSource("USER_TABLES")
    void aUserCannotReachAnotherUsersRows(String table, @AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(b).cannotSee(table).rowsOf(a);
        assertThat(b).cannotUpdate(table).rowsOf(a);
        assertThat(b).cannotDelete(table).rowsOf(a);
    }

    @ParameterizedTest
    @FieldSource("USER_TABLES")
    void aUserSeesTheirOwnRows(String table, @AsTenant("a") RlsSession a, Tenants tenants) {
        assertThat(a).canSee(table).rowsOf(tenants.get("a"));
        assertThat(a).query("select user_id from " + table).returnsOnlyRowsOf(tenants.get("a"));
    }

    @Test
    void aUserCannotWriteIntoAnotherUsersData(@AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(b).execute("insert into journal_entries (user_id, content) values (?, 'forged')", a)
                .violatesPolicy();
        assertThat(b).execute("insert into habits.habits (user_id, name) values (?, 'forged')", a).violatesPolicy();
        assertThat(b).execute("insert into meals.meals (user_id, name) values (?, 'forged')", a).violatesPolicy();
        assertThat(b).execute("insert into movements.movements (user_id, kind, duration_minutes)"
                + " values (?, 'forged', 1)", a).violatesPolicy();
        assertThat(b).execute("insert into practices.practice_instances (user_id, practice_name)"
                + " values (?, 'forged')", a.id().toString()).violatesPolicy();
        assertThat(b).execute("update journal_entries set user_id = ?", a).violatesPolicy();
    }

    @Test
    void aUserWritesTheirOwnData(@AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant own = tenants.get("b");
        assertThat(b).execute("insert into journal_entries (user_id, content) values (?, 'mine')", own).succeeds();
        assertThat(b).execute("insert into practices.practice_instances (user_id, practice_name)"
                + " values (?, 'mine')", own.id().toString()).succeeds();
        assertThat(b).execute("update meals.meals set calories = 1").affectsRows(2);
        assertThat(b).execute("delete from movements.movements").affectsRows(2);
    }

    @Test
    void vouchersAreIssuedByTheServicesNotByUsers(@AsTenant("a") RlsSession a, Tenants tenants) {
        assertThat(a).execute("insert into vouchers (code, user_id, amount_cents) values ('FREE', ?, 100000)",
                tenants.get("a")).violatesPolicy();
        assertThat(a).execute("update vouchers set redeemed_at = null").affectsNoRows();
        assertThat(a).execute("delete from vouchers").affectsNoRows();
    }

    @Test
    void theProgramTemplatesAreASharedReadOnlyCatalog(@AsTenant("a") RlsSession a) {
        assertThat(a).query("select * from habits.program_templates").returnsRows(1);
        assertThat(a).execute("update habits.program_templates set name = 'x'").isPermissionDenied();
    }

    @Test
    void theUsersSchemaIsReachableByTheServicesOnly(@AsTenant("a") RlsSession a, @AsScope("anon") RlsSession anon,
                                                   @AsWorker RlsSession service) {
        assertThat(a).execute("select * from users.users").isPermissionDenied();
        assertThat(a).execute("select * from users.user_roles").isPermissionDenied();
        assertThat(anon).execute("select * from users.users").isPermissionDenied();
        assertThat(service).query("select * from users.users").returnsRows(2);
        assertThat(service).query("select * from users.user_roles").returnsRows(4);
    }

    @Test
    void anAnonymousClientReachesNoUserData(@AsScope("anon") RlsSession anon, Tenants tenants) {
        assertThat(anon).query("select * from journal_entries").returnsNoRows();
        assertThat(anon).query("select * from vouchers").returnsNoRows();
        assertThat(anon).execute("insert into journal_entries (user_id, content) values (?, 'forged')",
                tenants.get("a")).violatesPolicy();
        for (String table : List.of("habits.habits", "meals.meals", "movements.movements",
                "practices.practice_instances")) {
            assertThat(anon).execute("select * from " + table).isPermissionDenied();
        }
    }

    @ParameterizedTest
    @FieldSource("USER_TABLES")
    void aRequestWhoseTokenHasNoSubjectSeesNothing(String table, @AsScope("without-sub") RlsSession withoutSub) {
        assertThat(withoutSub).query("select * from " + table).returnsNoRows();
    }

    @ParameterizedTest
    @FieldSource("USER_TABLES")
    void theServiceRoleSeesEveryUsersRowsByDesign(String table, @AsWorker RlsSession service, Tenants tenants) {
        assertThat(service.description()).endsWith("a role with BYPASSRLS: bypasses row-level security by design");
        assertThat(service).canSee(table).rowsOf(tenants.get("a"));
        assertThat(service).canSee(table).rowsOf(tenants.get("b"));
        assertThat(service).query("select distinct user_id from " + table).returnsRows(2);
    }
}
