package io.rlstestkit.internal.probe;

import io.rlstestkit.internal.probe.OutcomeKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Classification where the server's messages are not in English: by the routine that raised the error. */
class OutcomesTest {

    @Test
    void aPolicyViolationIsKnownByItsRoutine() {
        assertThat(Outcomes.classify("42501", "la nouvelle ligne viole la politique de sécurité",
                "ExecWithCheckOptions")).isEqualTo(OutcomeKind.POLICY_VIOLATION);
    }

    @Test
    void anyOther42501IsAMissingPrivilege() {
        assertThat(Outcomes.classify("42501", "droit refusé pour la table invoices", "aclcheck_error"))
                .isEqualTo(OutcomeKind.PERMISSION_DENIED);
    }

    @Test
    void class23IsAConstraintAndTheRestIsOther() {
        assertThat(Outcomes.classify("23503", "clé étrangère", "ri_ReportViolation"))
                .isEqualTo(OutcomeKind.CONSTRAINT_VIOLATION);
        assertThat(Outcomes.classify("22P02", "invalid input syntax for type uuid", "string_to_uuid"))
                .isEqualTo(OutcomeKind.OTHER_ERROR);
    }

    @Test
    void aRaiseOfTheApplicationIsNamedAsSuchWhateverItsWords() {
        assertThat(Outcomes.classify("42501", "new row violates row-level security policy for table \"guarded\"",
                "exec_stmt_raise")).isEqualTo(OutcomeKind.RAISED_BY_APPLICATION);
        assertThat(Outcomes.classify("42501", "nicht erlaubt", "exec_stmt_raise"))
                .isEqualTo(OutcomeKind.RAISED_BY_APPLICATION);
    }

    @Test
    void aRecursivePolicyIsKnownByTheRewritersPolicySiteAndARecursiveRuleIsNot() {
        // The embedded binaries ship no translations (lc_messages cannot change their language): the routines are
        // those a real server reported in OutcomeOriginTest, the texts are PostgreSQL's German translations.
        assertThat(Outcomes.classify("42P17", "unendliche Rekursion entdeckt in Policys für Relation »team_members«",
                "fireRIRrules")).isEqualTo(OutcomeKind.POLICY_RECURSION);
        assertThat(Outcomes.classify("42P17", "unendliche Rekursion entdeckt in Regeln für Relation »ping«",
                "RewriteQuery")).isEqualTo(OutcomeKind.OTHER_ERROR);
        assertThat(Outcomes.classify("42P17", "infinite recursion detected in rules for relation \"ping\"",
                "RewriteQuery")).isEqualTo(OutcomeKind.OTHER_ERROR);
    }
}
