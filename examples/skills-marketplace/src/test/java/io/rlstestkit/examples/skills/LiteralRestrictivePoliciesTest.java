package io.rlstestkit.examples.skills;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsTenant;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;

/**
 * The document reproduced literally ({@code db/migration} alone): ENABLE + FORCE and one RESTRICTIVE
 * {@code tenant_isolation} policy per table, and no permissive policy. A restrictive policy only narrows what a
 * permissive one grants, so nothing is visible and nothing can be written, whatever the tenant context. A deny check
 * would pass here and prove nothing; the kit's positive control refuses it and says why.
 */
class LiteralRestrictivePoliciesTest {

    @RegisterExtension
    static final RlsExtension RLS = Marketplace.configuration()
            .migrations("classpath:db/migration")
            .build();

    static final String[] TABLES = Marketplace.TABLES;

    @ParameterizedTest
    @FieldSource("TABLES")
    void theKitRefusesADenyCheckThatWouldPassVacuously(String table, @AsTenant("b") RlsSession b, Tenants tenants) {
        assertThatThrownBy(() -> assertThat(b).cannotSee(table).rowsOf(tenants.get("a")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but the check would pass vacuously: tenant a's own scope")
                .hasMessageContaining("sees 0 of its 2 rows there")
                .hasMessageContaining("Why: every policy on public." + table + " that applies to role app_user for"
                        + " SELECT is RESTRICTIVE (tenant_isolation)");
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void aTenantSeesNoneOfItsOwnRows(String table, @AsTenant("a") RlsSession a, @AsOwner RlsSession owner,
                                     Tenants tenants) {
        assertThat(owner).query("select * from " + table + " where tenant_id = ?", tenants.get("a")).returnsRows(2);
        assertThat(a).query("select * from " + table).returnsNoRows();
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void aTenantCanChangeNoneOfItsOwnRows(String table, @AsTenant("a") RlsSession a) {
        assertThat(a).execute("update " + table + " set tenant_id = tenant_id").affectsNoRows();
        assertThat(a).execute("delete from " + table).affectsNoRows();
    }

    @Test
    void aTenantCannotInsertEvenItsOwnRows(@AsTenant("a") RlsSession a, Tenants tenants) {
        assertThat(a).execute("insert into site_settings (tenant_id, key, value) values (?, 'locale', '\"pt\"')",
                tenants.get("a")).violatesPolicy();
    }
}
