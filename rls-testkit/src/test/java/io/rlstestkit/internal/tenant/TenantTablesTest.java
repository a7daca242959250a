package io.rlstestkit.internal.tenant;

import io.rlstestkit.AsOwner;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.internal.catalog.Catalog;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.tuple;

/**
 * Which tables hold tenants' rows, and by which column, read from the catalog and the configuration alone: the
 * answer the policy audit and the deny matrix share.
 */
class TenantTablesTest {

    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, "classpath:fixtures/audit-tenants"}, tenantRole = "app_user")
    class WithATenantSetting {

        @Test
        void findsTheConfiguredColumnTheColumnPoliciesCompareAndTheForeignKeyPoliciesFollow(
                @AsOwner RlsSession owner) {
            TenantTables tables = TenantTables.read(new Catalog(owner.connection()), (schema, table) -> "tenant_id",
                    Set.of("app.current_tenant_id"));
            assertThat(tables.all()).filteredOn(table -> Set.of("invoices", "activity", "invoice_comments",
                            "site_settings", "tenants").contains(table.table().name()))
                    .extracting(table -> table.table().name(), TenantTables.TenantTable::column,
                            TenantTables.TenantTable::source)
                    .containsExactly(
                            tuple("activity", "actor", TenantTables.Source.POLICY),
                            tuple("invoice_comments", "invoice_id", TenantTables.Source.FOREIGN_KEY),
                            tuple("invoices", "tenant_id", TenantTables.Source.CONFIGURED),
                            tuple("site_settings", null, TenantTables.Source.SHARED),
                            tuple("tenants", null, TenantTables.Source.SHARED));
        }
    }

    @Nested
    @RlsTest(migrations = "classpath:fixtures/styles/accounts", tenantRole = "app_user")
    class WithAccountMembershipThroughAFunction {

        @Test
        void findsTheColumnsPassedToTheMembershipFunction(@AsOwner RlsSession owner) {
            TenantTables tables = TenantTables.read(new Catalog(owner.connection()), (schema, table) -> "tenant_id",
                    Set.of("app.current_tenant_id"));
            assertThat(tables.all()).filteredOn(table -> !table.table().name().equals("flyway_schema_history"))
                    .extracting(table -> table.table().name(), TenantTables.TenantTable::columns,
                            TenantTables.TenantTable::source)
                    .containsExactly(
                            tuple("account_users", Set.of("user_id", "account_id"), TenantTables.Source.POLICY),
                            tuple("accounts", Set.of("id"), TenantTables.Source.POLICY),
                            tuple("plans", Set.of(), TenantTables.Source.SHARED),
                            tuple("projects", Set.of("account_id"), TenantTables.Source.POLICY));
        }

        @Test
        void withoutTheSettingThatCarriesTheIdentityEveryTableIsShared(@AsOwner RlsSession owner) {
            TenantTables tables = TenantTables.read(new Catalog(owner.connection()), (schema, table) -> "tenant_id",
                    Set.of("app.user"));
            assertThat(tables.all()).noneMatch(TenantTables.TenantTable::tenant);
        }
    }

    @Nested
    @RlsTest(migrations = "classpath:fixtures/styles/supabase", supabase = true)
    class WithSupabaseClaims {

        @Test
        void findsTheColumnComparedWithTheUsersId(@AsOwner RlsSession owner) {
            TenantTables tables = TenantTables.read(new Catalog(owner.connection()), (schema, table) -> "tenant_id",
                    Set.of());
            assertThat(tables.all()).filteredOn(table -> table.table().schema().equals("public")
                            && !table.table().name().equals("flyway_schema_history"))
                    .extracting(table -> table.table().name(), TenantTables.TenantTable::column)
                    .containsExactly(tuple("billing_customers", "user_id"), tuple("billing_subscriptions", "user_id"),
                            tuple("feature_flags", null), tuple("notes", "user_id"));
        }
    }
}
