package io.rlstestkit;

import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Roles that come from outside the migrations ({@code rds_iam} on Amazon RDS, an application role made by an init
 * script): listed as pre-roles, the kit creates them before migrating, so that the migrations can grant to them.
 */
class PreRolesTest {

    private static final String MIGRATIONS = "classpath:fixtures/pre-roles";
    private static final String SEED = "classpath:fixtures/seed/unguarded-one-note.sql";
    private static final String ROLES = "select r.rolname as role, r.rolcanlogin as login,"
            + " pg_has_role('app_user', r.oid, 'member') as app_user_is_member from pg_roles r"
            + " where r.rolname in ('rds_iam', 'app_user') order by r.rolname";
    private static final List<Map<String, Object>> PRE_ROLES = List.of(
            Map.of("role", "app_user", "login", false, "app_user_is_member", true),
            Map.of("role", "rds_iam", "login", false, "app_user_is_member", true));

    @Nested
    @RlsTest(migrations = MIGRATIONS, seed = SEED, tenantRole = "app_user", preRoles = {"rds_iam", "app_user"})
    class InTheAnnotation {

        @Test
        void areCreatedBeforeMigrating(@AsOwner RlsSession owner, @AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(owner.query(ROLES)).isEqualTo(PRE_ROLES);
            assertThat(b).cannotSee("notes").rowsOf(tenants.get("a"));
            assertThat(b).canSee("notes").rowsOf(tenants.get("b"));
        }
    }

    @Test
    void inTheBuilder() {
        Fixtures.run(Programmatic.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Fixture
    static class Programmatic {

        @RegisterExtension
        static final RlsExtension RLS = RlsExtension.configure()
                .migrations(MIGRATIONS)
                .seed(SEED)
                .tenantRole("app_user")
                .preRoles("rds_iam", "app_user")
                .build();

        @Test
        void areCreatedBeforeMigrating(@AsOwner RlsSession owner, @AsTenant("a") RlsSession a, Tenants tenants) {
            assertThat(owner.query(ROLES)).isEqualTo(PRE_ROLES);
            assertThat(a).cannotSee("notes").rowsOf(tenants.get("b"));
        }
    }

    @Test
    void withoutThemTheMigrationsFail() {
        org.assertj.core.api.Assertions.assertThat(ExtensionFailuresTest.classFailure(WithoutPreRoles.class))
                .isEqualTo("Expecting every migration to apply, but V1__grants_to_platform_roles.sql failed at line"
                        + " 8:\n  ERROR: role \"app_user\" does not exist (SQLSTATE 42704)\n  statement: GRANT rds_iam TO"
                        + " app_user\nFix the migration; the kit migrates to head before the first test of the"
                        + " configuration.");
    }

    @RlsTest(migrations = MIGRATIONS, tenantRole = "app_user")
    @Fixture
    static class WithoutPreRoles {
        @Test
        void test(Tenants tenants) {
        }
    }

    @Test
    void aNameWithOptionsInTheAnnotation() {
        org.assertj.core.api.Assertions.assertThat(ExtensionFailuresTest.classFailure(WithOptions.class))
                .isEqualTo("Expecting each of @RlsTest(preRoles) to be a role's name alone, but got \"app_user"
                        + " LOGIN\".\nThe kit creates each role NOLOGIN before migrating; give the name only, and let"
                        + " a migration grant the role what it needs.");
    }

    @RlsTest(migrations = MIGRATIONS, tenantRole = "app_user", preRoles = {"rds_iam", "app_user LOGIN"})
    @Fixture
    static class WithOptions {
        @Test
        void test(Tenants tenants) {
        }
    }

    @Test
    void aBlankNameInTheBuilder() {
        assertThatThrownBy(() -> RlsExtension.configure().preRoles("rds_iam", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expecting each of RlsExtension.configure().preRoles(...) to name a role, but got a blank"
                        + " name.\nList the roles your platform creates before the migrations run by name"
                        + " (\"rds_iam\", \"app_user\").");
    }
}
