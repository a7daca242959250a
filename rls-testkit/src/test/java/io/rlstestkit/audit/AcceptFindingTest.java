package io.rlstestkit.audit;

import io.rlstestkit.AcceptFinding;
import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsTest;
import io.rlstestkit.Severity;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import io.rlstestkit.testing.RequiresPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;
import static io.rlstestkit.RlsAssertions.tuple;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** Accepting a finding takes a written justification, in configuration or as an annotation, and a known code. */
class AcceptFindingTest {

    @Test
    void theBuilderRefusesABlankJustification() {
        assertThatThrownBy(() -> RlsExtension.configure().acceptFinding(RlsAudit.NO_POLICY, "public.attachments", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expecting a written justification for accepting NO_POLICY on public.attachments"
                        + " (RlsExtension.configure().acceptFinding), but it is blank. Say why the finding is"
                        + " acceptable, so that a reviewer can check it.");
    }

    @Test
    void theBuilderRefusesACodeTheAuditDoesNotRaise() {
        assertThatThrownBy(() -> RlsExtension.configure().acceptFinding("RLS_OFF", "public.notes", "legacy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expecting the code of a finding the audit raises in accepting RLS_OFF on public.notes"
                        + " (RlsExtension.configure().acceptFinding), but it is not one. Codes: " + String.join(", ",
                        RlsAudit.CODES) + ".");
    }

    @Test
    @RequiresPostgres(version = 15, reason = "the audit fixture has views with security_invoker")
    void theBuilderAcceptsAFinding() {
        Fixtures.run(AcceptedInConfiguration.class).testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    @RequiresPostgres(version = 15, reason = "the audit fixture has views with security_invoker")
    void anAnnotationWithABlankJustificationFailsTheTestThatInjectsTheAudit() {
        Fixtures.run(BlankJustification.class).testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ParameterResolutionException.class), message("Expecting a written justification for"
                        + " accepting NO_POLICY on public.attachments (@AcceptFinding on " + BlankJustification.class
                        .getName() + ".audit), but it is blank. Say why the finding is acceptable, so that a reviewer"
                        + " can check it.")));
    }

    @Fixture
    static class AcceptedInConfiguration {

        @RegisterExtension
        static final RlsExtension RLS = RlsExtension.configure()
                .migrations(TestSchemas.SOUND, TestSchemas.AUDIT)
                .seed(TestSchemas.SEED)
                .tenantRole("app_user")
                .acceptFinding(RlsAudit.NO_POLICY, "public.attachments", "read by the worker only")
                .build();

        @Test
        void audit(RlsAudit audit) {
            assertThat(audit.findings()).filteredOn(Finding::accepted)
                    .extracting(Finding::code, Finding::object, Finding::severity, Finding::acceptedBecause)
                    .containsExactly(tuple(RlsAudit.NO_POLICY, "public.attachments", Severity.WARNING,
                            "read by the worker only"));
        }
    }

    @Fixture
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.AUDIT}, seed = TestSchemas.SEED, tenantRole = "app_user")
    static class BlankJustification {

        @Test
        @AcceptFinding(code = RlsAudit.NO_POLICY, object = "public.attachments", because = "  ")
        void audit(RlsAudit audit) {
            audit.assertNoFindings();
        }
    }
}
