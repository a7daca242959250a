package io.rlstestkit;

/**
 * How much a {@link Finding} of the {@link RlsAudit} matters, from worst to mildest.
 * <pre>{@code
 * audit.assertNoFindings(Severity.WARNING); // fails for errors and warnings, reports the rest
 * }</pre>
 */
public enum Severity {
    /** Rows of one tenant reach another, or a role escapes row-level security: fix it before release. */
    ERROR,
    /** A likely mistake: statements that fail where they should deny, policies that scan, rights that may leak. */
    WARNING,
    /** Worth knowing, often by design: where PostgreSQL itself bypasses row-level security. */
    INFO;

    /** Whether this severity is at least as grave as another: {@code ERROR.atLeast(WARNING)} is true. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }
}
