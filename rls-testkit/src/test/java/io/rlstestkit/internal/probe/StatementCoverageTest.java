package io.rlstestkit.internal.probe;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsTenant;
import io.rlstestkit.RlsSession;
import io.rlstestkit.SoundSchema;
import io.rlstestkit.Tenants;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.internal.report.CoverageLog;
import io.rlstestkit.internal.report.Exercise;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.tuple;

/**
 * The tables and commands a statement of {@code query(...)} or {@code execute(...)} exercised, for the coverage
 * report: as PostgreSQL plans the statement, not as a parser of SQL would guess.
 */
@SoundSchema
class StatementCoverageTest {

    @Test
    void anUpdateWithASubqueryUpdatesOneTableAndReadsTheOther(@AsTenant("b") RlsSession b) {
        List<Exercise> exercised = exercised(() -> assertThat(b).execute("update invoices set note = 'x'"
                + " where id in (select invoice_id from payments)").succeeds());
        assertThat(exercised).extracting(Exercise::table, Exercise::scope, Exercise::command, Exercise::environment,
                Exercise::source).containsExactly(
                tuple("public.invoices", "tenant b", "UPDATE", TestSchemas.SOUND, getClass().getName()),
                tuple("public.payments", "tenant b", "SELECT", TestSchemas.SOUND, getClass().getName()));
    }

    @Test
    void anUpsertInsertsAndUpdates(@AsTenant("b") RlsSession b, Tenants tenants) {
        assertThat(exercised(() -> assertThat(b).execute("insert into invoices (tenant_id, number, amount)"
                + " values (?, 'b-001', 1) on conflict (number) do update set note = 'again'", tenants.get("b"))
                .succeeds())).extracting(Exercise::table, Exercise::command)
                .containsExactly(tuple("public.invoices", "INSERT"), tuple("public.invoices", "UPDATE"));
    }

    @Test
    void aStatementRefusedForLackOfAPrivilegeStillCounts(@AsTenant("b") RlsSession b) {
        assertThat(exercised(() -> assertThat(b).execute("delete from tenants").isPermissionDenied()))
                .extracting(Exercise::table, Exercise::command).containsExactly(tuple("public.tenants", "DELETE"));
    }

    @Test
    void aQueryCounts(@AsTenant("a") RlsSession a) {
        assertThat(exercised(() -> assertThat(a).query("select * from payments join invoices"
                + " on invoices.id = payments.invoice_id").returnsRows(3)))
                .extracting(Exercise::table, Exercise::command)
                .containsExactly(tuple("public.invoices", "SELECT"), tuple("public.payments", "SELECT"));
    }

    @Test
    void neitherTheOwnerNorAStatementThatCannotBePlannedCounts(@AsOwner RlsSession owner,
                                                                @AsTenant("a") RlsSession a) {
        assertThat(exercised(() -> assertThat(owner).execute("delete from payments").affectsRows(6))).isEmpty();
        assertThat(exercised(() -> assertThat(a).execute("selec 1").matches(StatementOutcome::failed))).isEmpty();
    }

    private static List<Exercise> exercised(Runnable assertion) {
        CoverageLog.Mark mark = CoverageLog.instance().mark();
        assertion.run();
        return CoverageLog.instance().since(mark).exercises();
    }
}
