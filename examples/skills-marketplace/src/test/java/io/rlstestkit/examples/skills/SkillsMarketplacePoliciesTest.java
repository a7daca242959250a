package io.rlstestkit.examples.skills;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsTenant;
import io.rlstestkit.DenyMatrix;
import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import io.rlstestkit.Severity;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.stream.Stream;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;
import static io.rlstestkit.RlsAssertions.tuple;

/**
 * The marketplace's row-level security read from the catalog, and all nine tables denied to the other tenant for
 * every command, on the corrected schema (permissive policies, and foreign keys that carry the tenant); the audit on
 * the document's literal schema and on a broken variant.
 */
class SkillsMarketplacePoliciesTest {

    /** The corrected schema ({@code db/migration} + {@code db/corrected}), as {@link TenantIsolationTest} has it. */
    @Nested
    class TheCorrectedSchema {

        @RegisterExtension
        static final RlsExtension RLS = Marketplace.configuration()
                .migrations("classpath:db/migration", "classpath:db/corrected")
                .build();

        /** Nothing at all: since V101 every foreign key carries the tenant, so no key crosses tenants. */
        @Test
        void policiesAreSound(RlsAudit audit) {
            audit.assertNoFindings();
        }

        /**
         * What V101 fixed: with single-column foreign keys, b hung a version on a's skill (a foreign key check is
         * not subject to row-level security) and lost it when a deleted the skill. Now the key (tenant_id, skill_id)
         * finds no skill of b's with that id.
         */
        @Test
        void aTenantCannotHangItsRowsOnAnotherTenantsRow(@AsTenant("b") RlsSession b, @AsOwner RlsSession owner,
                                                         Tenants tenants) {
            String skillOfA = Marketplace.seeded(tenants.get("a"), "skill1");
            assertThatThrownBy(() -> b.update("insert into skill_versions (tenant_id, skill_id, version, content)"
                    + " values (?, ?, '9.9.9', 'hung on another tenant''s skill')", tenants.get("b"), skillOfA))
                    .hasMessageContaining("violates foreign key constraint \"skill_versions_tenant_skill_id_fkey\"");
            assertThat(owner).query("select * from skill_versions where skill_id = ? and tenant_id = ?", skillOfA,
                    tenants.get("b")).returnsNoRows();
        }

        /**
         * All nine tables, every command, no exclusion and no template: ratings is unique by (skill_id, user_id) and
         * the seed has paired each tenant's skills and users, but not every pair; the matrix finds a free one. Its
         * attach tests hold since V101 put tenant_id into every foreign key.
         */
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.tests();
        }
    }

    /** The document's literal schema ({@code db/migration} alone): restrictive policies and no permissive one. */
    @Nested
    class TheLiteralDocument {

        @RegisterExtension
        static final RlsExtension RLS = Marketplace.configuration()
                .migrations("classpath:db/migration")
                .build();

        /**
         * Only that: no tenant writes a row either, so the single-column foreign keys, which cross tenants once V100
         * lets tenants write (the corrected location's V101 fixes them), are not a finding yet.
         */
        @Test
        void theAuditSaysNoTenantSeesARowOfAnyTable(RlsAudit audit) {
            assertThat(audit.findings()).filteredOn(finding -> finding.severity().atLeast(Severity.WARNING))
                    .extracting(Finding::code).containsOnly(RlsAudit.NO_POLICY);
            assertThat(audit.findings()).filteredOn(finding -> finding.code().equals(RlsAudit.NO_POLICY))
                    .extracting(Finding::code, Finding::object)
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(Marketplace.TABLES)
                            .map(table -> tuple(RlsAudit.NO_POLICY, "public." + table)).toList());
            assertThat(audit.findings()).filteredOn(finding -> finding.object().equals("public.skills")
                            && finding.code().equals(RlsAudit.NO_POLICY)).singleElement()
                    .extracting(Finding::message).asString().contains("only RESTRICTIVE policies apply to app_user,"
                            + " the tenant role (tenant_isolation)");
        }
    }

    /** The broken variant with a permissive tenant policy and a permissive moderation UPDATE that is USING (true). */
    @Nested
    class WithAModerationPolicyForEveryRow {

        @RegisterExtension
        static final RlsExtension RLS = Marketplace.configuration()
                .migrations("classpath:db/migration", "classpath:db/corrected",
                        "classpath:db/broken/permissive-update-using-true")
                .build();

        @Test
        void theAuditNamesThePolicy(RlsAudit audit) {
            assertThat(audit.findings()).filteredOn(finding -> finding.severity() == Severity.ERROR)
                    .extracting(Finding::code, Finding::object)
                    .containsExactly(tuple(RlsAudit.PERMISSIVE_TRUE, "public.skill_reviews"));
            assertThat(audit.findings().get(0).message()).startsWith("Policy review_moderation on public.skill_reviews"
                    + " (PERMISSIVE, UPDATE, to public) has USING (true)");
        }
    }
}
