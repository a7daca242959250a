package io.rlstestkit.guard;

/**
 * The failure of the tenant-context guard: application code ran a statement on a table with row-level security
 * without a tenant context for its transaction, or as a role that bypasses row-level security. An
 * {@link AssertionError}, so that it fails the test and passes through application code that catches
 * {@link Exception} or translates {@link java.sql.SQLException}.
 */
public class TenantContextViolation extends AssertionError {

    private static final long serialVersionUID = 1L;

    /** A violation with its message. */
    public TenantContextViolation(String message) {
        super(message);
    }
}
