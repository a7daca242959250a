package io.rlstestkit;

import java.util.Objects;

/**
 * One finding of the {@link RlsAudit}: a stable code, the object it is about, what is wrong and how to fix it, and
 * how much it matters. A finding the test accepted ({@link AcceptFinding}, or
 * {@link RlsExtension.Builder#acceptFinding(String, String, String)}) carries the justification, and is reported as
 * accepted rather than hidden.
 * <pre>{@code
 * assertThat(audit.findings()).extracting(Finding::code, Finding::object)
 *         .containsExactly(tuple("RLS_DISABLED", "public.notes"));
 * }</pre>
 *
 * @param code            a stable upper-case identifier, one of the codes listed in {@link RlsAudit}
 * @param object          the schema-qualified table, view or function ({@code public.invoices},
 *                        {@code public.invoice_total(uuid)}), or the role, the finding is about
 * @param message         what is wrong and how to fix it
 * @param severity        how much it matters
 * @param acceptedBecause the written justification where the finding was accepted, else {@code null}
 */
public record Finding(String code, String object, String message, Severity severity, String acceptedBecause) {

    /** A finding; the justification must not be blank where there is one. */
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
        if (acceptedBecause != null && acceptedBecause.isBlank()) {
            throw new IllegalArgumentException("Expecting a written justification for accepting " + code + " on "
                    + object + ", but it is blank.");
        }
    }

    /** A finding that nobody accepted. */
    public Finding(String code, String object, String message, Severity severity) {
        this(code, object, message, severity, null);
    }

    /** Whether the test accepted this finding, with a justification. */
    public boolean accepted() {
        return acceptedBecause != null;
    }

    /** This finding, accepted with a justification. */
    public Finding acceptedBecause(String justification) {
        return new Finding(code, object, message, severity, justification);
    }

    /**
     * {@code ERROR RLS_DISABLED public.notes: <message>}, and {@code (accepted: <justification>)} where accepted.
     */
    @Override
    public String toString() {
        return severity + " " + code + " " + object + ": " + message
                + (accepted() ? " (accepted: " + acceptedBecause + ")" : "");
    }
}
