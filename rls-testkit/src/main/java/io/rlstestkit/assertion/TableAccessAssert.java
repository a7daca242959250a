package io.rlstestkit.assertion;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.probe.TableProbe;
import io.rlstestkit.internal.scope.ScopedSession;
import org.assertj.core.api.AbstractAssert;

/**
 * A table check in a scope, aimed at the rows of a tenant: {@code cannotSee}, {@code cannotUpdate},
 * {@code cannotDelete} or {@code canSee}. Before probing, the deny checks verify their positive controls: the
 * tenant has rows in the table (seen as the owner) and the tenant's own scope sees them. Where either fails the
 * check fails too, saying that it would have passed vacuously, and why. Every statement is rolled back.
 */
public class TableAccessAssert extends AbstractAssert<TableAccessAssert, TableAccess> {

    /** A table check. */
    public TableAccessAssert(TableAccess actual) {
        super(actual, TableAccessAssert.class);
    }

    /** Runs the check against the rows of a tenant. */
    public TableAccessAssert rowsOf(Tenant tenant) {
        isNotNull();
        ScopedSession session = Failures.scoped(actual.session());
        String failure = new TableProbe(session, actual.table(), actual.check()).run(tenant);
        if (failure != null) {
            throw failure(Failures.literal("\n" + failure));
        }
        return this;
    }

    /** Runs the check against the rows of the seeded tenant with that key. */
    public TableAccessAssert rowsOf(String tenantKey) {
        isNotNull();
        return rowsOf(Failures.scoped(actual.session()).context().tenant(tenantKey));
    }
}
