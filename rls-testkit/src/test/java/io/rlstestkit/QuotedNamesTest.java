package io.rlstestkit;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Names that need quotes wherever the kit writes SQL, in one configuration: an upper-case schema ({@code "Billing"}),
 * a table named by a reserved word ({@code "order"}), a table and a tenant column with a space ({@code "Line Item"},
 * {@code "Tenant Id"}), columns named by keywords ({@code "user"}, {@code "order"}). The deny checks, the deny matrix
 * (with the rows it makes where the seed left a tenant none), the seed and the round trip all run on them.
 */
@RlsTest(migrations = "classpath:fixtures/quoted-names", seed = "classpath:fixtures/quoted-names/seed.sql",
        tenantRole = "app_user", tenantColumn = "Tenant Id")
class QuotedNamesTest {

    private static final String ORDER = "\"Billing\".\"order\"";
    private static final String LINE_ITEM = "\"Billing\".\"Line Item\"";

    @Test
    void theDenyChecksRunOnQuotedNames(@AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(b).cannotSee(ORDER).rowsOf(a);
        assertThat(b).cannotUpdate(ORDER).rowsOf(a);
        assertThat(b).cannotDelete(ORDER).rowsOf(a);
        assertThat(b).cannotSee(LINE_ITEM).rowsOf(a);
        assertThat(b).cannotUpdate(LINE_ITEM).rowsOf(a);
        assertThat(b).cannotDelete(LINE_ITEM).rowsOf(a);
        assertThat(b).canSee(ORDER).rowsOf(tenants.get("b"));
    }

    @Test
    void aLeakOnATableNamedByAReservedWordIsFound(@AsTenant("b") RlsSession b, @AsOwner RlsSession owner,
                                                  Tenants tenants) {
        owner.update("create policy everyone_updates on " + ORDER + " for update to app_user using (true)");
        assertThatThrownBy(() -> assertThat(b).cannotUpdate(ORDER).rowsOf(tenants.get("a"))).hasMessageContaining("""
                not to update rows of tenant a in Billing.order,
                but an UPDATE that reads no column changed 1 of tenant a's 1 row:
                  <UPDATE "Billing"."order" SET "user" = ?::text> with [clerk]""");
    }

    @Test
    void aKeyToAQuotedParentThatTheWritePolicyChecksIsNoFinding(RlsAudit audit) {
        assertThat(audit.findings()).extracting(Finding::code, Finding::object).containsExactly(
                tuple(RlsAudit.POLICY_COLUMN_NOT_INDEXED, "Billing.Line Item"),
                tuple(RlsAudit.POLICY_PER_ROW_CALL, "Billing.Line Item"),
                tuple(RlsAudit.POLICY_PER_ROW_CALL, "Billing.Line Note"),
                tuple(RlsAudit.POLICY_PER_ROW_CALL, "Billing.order"));
    }

    @Test
    void anUnindexedQuotedTenantColumnIsNamedQuotedInItsFix(RlsAudit audit) {
        assertThat(audit.findings()).filteredOn(finding -> finding.code().equals(RlsAudit.POLICY_COLUMN_NOT_INDEXED))
                .singleElement().extracting(Finding::message).asString()
                .endsWith("Index it: CREATE INDEX ON \"Billing\".\"Line Item\" (\"Tenant Id\").");
    }

    @Test
    void aKeyToAQuotedParentThatNoPolicyChecksIsRaisedWithQuotedNamesInItsFix(@AsOwner RlsSession owner,
                                                                              RlsAudit audit) {
        owner.update("alter policy \"Through Line Item\" on \"Billing\".\"Line Note\" with check (\"Tenant Id\""
                + " = nullif(current_setting('app.current_tenant_id', true), '')::uuid)");
        assertThat(audit.findings()).filteredOn(finding -> finding.code().equals(RlsAudit.FOREIGN_KEY_CROSSES_TENANTS))
                .singleElement().extracting(Finding::message).asString().endsWith("Make the key carry the tenant:"
                        + " ALTER TABLE \"Billing\".\"Line Item\" ADD UNIQUE (\"Tenant Id\", id); ALTER TABLE"
                        + " \"Billing\".\"Line Note\" DROP CONSTRAINT \"Line Note_lineItemId_fkey\", ADD FOREIGN KEY"
                        + " (\"Tenant Id\", \"lineItemId\") REFERENCES \"Billing\".\"Line Item\" (\"Tenant Id\", id);");
    }

    @TestFactory
    Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
        return matrix.tests();
    }

    @Test
    void theRoundTripUndoesQuotedNames(MigrationRoundTrip roundTrip) {
        roundTrip.assertEveryStepReversible();
    }
}
