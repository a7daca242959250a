package io.rlstestkit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * Migrations that create roles without a guard ({@code CREATE ROLE app_user}), as real projects write them, shared
 * by three configurations in one JVM: two seeds and one hands-off. Roles belong to the whole server, so the
 * migrations may run only once on it: each configuration's template is a copy of the one migrated database.
 */
class SharedMigrationsTest {

    private static final String MIGRATIONS = "classpath:fixtures/unguarded-roles";
    private static final String ROLES = "select rolname as role, rolcanlogin as login from pg_roles"
            + " where rolname in ('app_user', 'app_login') order by rolname";
    private static final List<Map<String, Object>> THE_MIGRATIONS_ROLES = List.of(
            Map.of("role", "app_login", "login", true), Map.of("role", "app_user", "login", false));

    @Nested
    @RlsTest(migrations = MIGRATIONS, seed = "classpath:fixtures/seed/unguarded-two-notes.sql", tenantRole = "app_user")
    class ASeedOfTwoNotesPerTenant {

        @Test
        void migratesAndSeeds(@AsOwner RlsSession owner, @AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(owner.query(ROLES)).isEqualTo(THE_MIGRATIONS_ROLES);
            assertThat(owner.query("select count(*) as n from notes")).containsExactly(Map.of("n", 4L));
            assertThat(b).cannotSee("notes").rowsOf(tenants.get("a"));
        }
    }

    @Nested
    @RlsTest(migrations = MIGRATIONS, seed = "classpath:fixtures/seed/unguarded-one-note.sql", tenantRole = "app_user")
    class ASeedOfOneNotePerTenant {

        @Test
        void migratesAndSeeds(@AsOwner RlsSession owner, @AsTenant("a") RlsSession a, Tenants tenants) {
            assertThat(owner.query(ROLES)).isEqualTo(THE_MIGRATIONS_ROLES);
            assertThat(owner.query("select count(*) as n from notes")).containsExactly(Map.of("n", 2L));
            assertThat(a).cannotSee("notes").rowsOf(tenants.get("b"));
        }
    }

    @Nested
    @RlsTest(migrations = MIGRATIONS, tenantRole = "app_user")
    class NoSeed {

        @Test
        void migrates(@AsOwner RlsSession owner, @AsTenant("a") RlsSession a) {
            assertThat(owner.query(ROLES)).isEqualTo(THE_MIGRATIONS_ROLES);
            assertThat(owner.query("select count(*) as n from notes")).containsExactly(Map.of("n", 0L));
            assertThat(a).query("select * from notes").returnsNoRows();
        }
    }
}
