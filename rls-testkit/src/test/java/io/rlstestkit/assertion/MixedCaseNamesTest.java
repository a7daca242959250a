package io.rlstestkit.assertion;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsTenant;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.TestSchemas;
import org.junit.jupiter.api.Test;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;

/**
 * Names as PostgreSQL reads them, on tables and columns created with quoted mixed-case names: an unquoted name that
 * finds nothing, where exactly one table of that name in another case exists, means that table; where several do,
 * the check fails naming them, quoted.
 */
@RlsTest(migrations = {TestSchemas.SOUND, "classpath:fixtures/mixed-case"}, seed = "classpath:fixtures/seed/mixed-case.sql",
        tenantRole = "app_user", tenantColumn = "tenantId")
class MixedCaseNamesTest {

    @Test
    void aMixedCaseTableAndColumnAreProbedByTheirQuotedNames(@AsTenant("b") RlsSession b) {
        assertThat(b).cannotSee("Workspace").rowsOf("a");
        assertThat(b).cannotSee("\"Workspace\"").rowsOf("a");
        assertThat(b).cannotSee("public.Workspace").rowsOf("a");
        assertThat(b).cannotUpdate("Workspace").rowsOf("a");
        assertThat(b).cannotDelete("Workspace").rowsOf("a");
        assertThat(b).canSee("Workspace").rowsOf("b");
    }

    @Test
    void aLeakOnAMixedCaseTableIsFound(@AsTenant("b") RlsSession b, @AsOwner RlsSession owner) {
        owner.update("create policy everyone_reads on \"Workspace\" for select to app_user using (true)");
        assertThatThrownBy(() -> assertThat(b).cannotSee("Workspace").rowsOf("a")).hasMessageStartingWith("""

                Expecting %s not to see rows of tenant a in public.Workspace,
                but it sees 2 of tenant a's 2 rows:
                  <SELECT count(*) AS n FROM public."Workspace" WHERE "tenantId" = ?>"""
                .formatted(TestSchemas.B_SCOPE));
    }

    @Test
    void anUnquotedNameMatchingSeveralTablesInOtherCasesFailsNamingThem(@AsTenant("b") RlsSession b) {
        assertThatThrownBy(() -> assertThat(b).cannotSee("Project").rowsOf("a")).hasMessage("""

                Expecting %s not to see rows of tenant a in Project,
                but PostgreSQL reads the unquoted name Project as project, and no table has that name. Tables whose \
                names differ from it only in case: public."PROJECT", public."Project".
                Write the one you mean quoted, as SQL would: "public.\\"PROJECT\\"" or "public.\\"Project\\"".""".formatted(
                TestSchemas.B_SCOPE));
    }
}
