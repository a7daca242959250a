package io.rlstestkit.internal.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.internal.KitException;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A finding the test accepts, with its justification and where it was declared.
 *
 * @param code          the finding's code
 * @param object        the object, as the finding names it
 * @param justification why it is acceptable
 * @param declaredAt    where: {@code @AcceptFinding on com.example.PoliciesTest}
 */
@API(status = INTERNAL)
public record Acceptance(String code, String object, String justification, String declaredAt) {

    /**
     * An acceptance, checked: a code the audit knows, an object, and a justification that is not blank.
     *
     * @throws KitException where it is not
     */
    public static Acceptance of(String code, String object, String justification, String declaredAt) {
        String what = "accepting " + code + " on " + object + " (" + declaredAt + ")";
        if (code == null || !RlsAudit.CODES.contains(code)) {
            throw new KitException("Expecting the code of a finding the audit raises in " + what + ", but it is"
                    + " not one. Codes: " + String.join(", ", RlsAudit.CODES) + ".");
        }
        if (object == null || object.isBlank()) {
            throw new KitException("Expecting the object of the finding in " + what + ", schema-qualified"
                    + " (\"public.invoices\") or a role's name, but it is blank.");
        }
        if (justification == null || justification.isBlank()) {
            throw new KitException("Expecting a written justification for " + what + ", but it is blank. Say why"
                    + " the finding is acceptable, so that a reviewer can check it.");
        }
        return new Acceptance(code, object, justification.strip(), declaredAt);
    }

    /** Whether this acceptance is for that finding. */
    public boolean matches(Finding finding) {
        return finding.code().equals(code) && finding.object().equals(object);
    }

    /** {@code RLS_DISABLED on public.notes (@AcceptFinding on com.example.PoliciesTest): <justification>}. */
    @Override
    public String toString() {
        return code + " on " + object + " (" + declaredAt + "): " + justification;
    }
}
