package io.rlstestkit.internal.scope;

import io.rlstestkit.AsOwner;
import io.rlstestkit.RlsSession;
import io.rlstestkit.SoundSchema;
import io.rlstestkit.Tenant;
import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.catalog.Catalog;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bypass guard, called directly on a real database's catalog (the sound schema's, reached through the owner's
 * connection; the roles and tables each test makes go with its transaction): a tenant scope whose role bypasses
 * row-level security is refused with a message that says why and what to do.
 */
@SoundSchema
class BypassGuardTest {

    private static final String TENANT_ID = "00000000-0000-0000-0000-00000000000b";

    @Test
    void aTenantScopeAsASuperuserIsRefused(@AsOwner RlsSession owner) throws SQLException {
        // GIVEN
        Connection connection = owner.connection();
        execute(connection, "create role guard_super superuser nologin");

        // WHEN / THEN
        assertThatThrownBy(() -> check(connection, "guard_super"))
                .isInstanceOf(KitException.class)
                .hasMessage("Expecting the tenant b scope to be subject to row-level security, but its role"
                        + " guard_super is a superuser: superusers bypass every policy, so a deny test would prove"
                        + " nothing.\nLet the application connect as a role without it (ALTER ROLE guard_super"
                        + " NOBYPASSRLS NOSUPERUSER), or configure that role as the tenant role.");
    }

    @Test
    void aTenantScopeWithoutARoleRunsAsTheSuperuserTheKitLoggedInAsAndIsRefused(@AsOwner RlsSession owner) {
        // GIVEN
        Connection connection = owner.connection();
        String user = new Catalog(connection).sessionUser();

        // WHEN / THEN
        assertThatThrownBy(() -> check(connection, null))
                .isInstanceOf(KitException.class)
                .hasMessage("Expecting the tenant b scope to be subject to row-level security, but it runs as "
                        + user + ", the user the kit logged in as (no tenant role is configured), a superuser:"
                        + " superusers bypass every policy, so a deny test would prove nothing.\nSet tenantRole to"
                        + " the role the application connects as (@RlsTest(tenantRole = \"app_user\")).");
    }

    @Test
    void aTenantScopeWithBypassRlsIsRefused(@AsOwner RlsSession owner) throws SQLException {
        // GIVEN
        Connection connection = owner.connection();
        execute(connection, "create role guard_bypass bypassrls nologin");

        // WHEN / THEN
        assertThatThrownBy(() -> check(connection, "guard_bypass"))
                .isInstanceOf(KitException.class)
                .hasMessage("Expecting the tenant b scope to be subject to row-level security, but its role"
                        + " guard_bypass is a role with BYPASSRLS: BYPASSRLS bypasses every policy, so a deny test"
                        + " would prove nothing.\nLet the application connect as a role without it (ALTER ROLE"
                        + " guard_bypass NOBYPASSRLS), or configure that role as the tenant role.");
    }

    @Test
    void aTenantScopeWhoseRoleOwnsATableWithoutForceIsRefused(@AsOwner RlsSession owner) throws SQLException {
        // GIVEN
        Connection connection = owner.connection();
        execute(connection, "create role guard_owner nologin");
        execute(connection, "create table guarded (id int)");
        execute(connection, "alter table guarded enable row level security");
        execute(connection, "alter table guarded owner to guard_owner");

        // WHEN / THEN
        assertThatThrownBy(() -> check(connection, "guard_owner"))
                .isInstanceOf(KitException.class)
                .hasMessage("Expecting the tenant b scope to be subject to row-level security, but its role"
                        + " guard_owner owns public.guarded, which has row-level security enabled but not forced:"
                        + " a table's owner bypasses its policies.\nForce it (ALTER TABLE public.guarded FORCE ROW"
                        + " LEVEL SECURITY), or let the application connect as a role that does not own the table.");
    }

    @Test
    void aTenantScopeWhoseRoleOwnsATableWithForcePasses(@AsOwner RlsSession owner) throws SQLException {
        // GIVEN
        Connection connection = owner.connection();
        execute(connection, "create role guard_owner nologin");
        execute(connection, "create table guarded (id int)");
        execute(connection, "alter table guarded enable row level security");
        execute(connection, "alter table guarded force row level security");
        execute(connection, "alter table guarded owner to guard_owner");

        // WHEN
        String description = check(connection, "guard_owner");

        // THEN
        assertThat(description).isEqualTo("tenant b (role guard_owner, app.current_tenant_id = '" + TENANT_ID + "')");
    }

    @Test
    void theApplicationsRoleOfTheSoundSchemaPasses(@AsOwner RlsSession owner) {
        // WHEN
        String description = check(owner.connection(), "app_user");

        // THEN
        assertThat(description).isEqualTo("tenant b (role app_user, app.current_tenant_id = '" + TENANT_ID + "')");
    }

    private static String check(Connection connection, String role) {
        Catalog catalog = new Catalog(connection);
        Scope scope = new Scope(Scope.Kind.TENANT, null, role, Map.of("app.current_tenant_id", TENANT_ID),
                new Tenant("b", TENANT_ID));
        return BypassGuard.check(scope, catalog, catalog.settingsRead(), catalog.sessionUser());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
