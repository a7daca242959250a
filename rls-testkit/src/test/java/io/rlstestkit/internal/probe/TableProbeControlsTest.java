package io.rlstestkit.internal.probe;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsTenant;
import io.rlstestkit.RlsSession;
import io.rlstestkit.SoundSchema;
import io.rlstestkit.Tenants;
import io.rlstestkit.internal.scope.ScopedSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The positive controls of a table check, called directly on a real database (the sound schema; what a test changes
 * goes with its transaction): before tenant b's scope is said not to see tenant a's rows, tenant a must have rows
 * (seen as the owner), and tenant a's own scope must see them; otherwise seeing none proves nothing.
 */
@SoundSchema
class TableProbeControlsTest {

    @Test
    void aTenantWithoutRowsMakesTheCheckVacuous(@AsTenant("b") RlsSession b, @AsOwner RlsSession owner,
                                                Tenants tenants) {
        // GIVEN
        owner.update("delete from payments where tenant_id = ?", tenants.get("a").id());
        owner.update("delete from invoices where tenant_id = ?", tenants.get("a").id());

        // WHEN
        String failure = new TableProbe((ScopedSession) b, "invoices", TableCheck.CANNOT_SEE).run(tenants.get("a"));

        // THEN
        assertThat(failure).isEqualTo("Expecting " + b.description() + " not to see rows of tenant a in public.invoices,"
                + "\nbut the check would pass vacuously: tenant a has no rows in public.invoices (seen as the owner)."
                + "\nSeed rows for tenant a in public.invoices (the seed script runs once per tenant).");
    }

    @Test
    void aTenantWhoseOwnScopeCannotSeeItsRowsMakesTheCheckVacuous(@AsTenant("b") RlsSession b,
                                                                  @AsOwner RlsSession owner, Tenants tenants) {
        // GIVEN a policy that hides every row from every tenant
        owner.update("drop policy tenant_isolation on invoices");
        owner.update("create policy tenant_isolation on invoices for all to app_user using (false)");

        // WHEN
        String failure = new TableProbe((ScopedSession) b, "invoices", TableCheck.CANNOT_SEE).run(tenants.get("a"));

        // THEN
        assertThat(failure).isEqualTo("Expecting " + b.description() + " not to see rows of tenant a in public.invoices,"
                + "\nbut the check would pass vacuously: tenant a's own scope, tenant a (role app_user,"
                + " app.current_tenant_id = '" + tenants.get("a").id() + "'), sees 0 of its 3 rows there, so seeing"
                + " none proves nothing.\nWhy: the policies that apply to role app_user hide the rows: tenant_isolation"
                + " (PERMISSIVE, ALL, to app_user) USING (false). Check what they compare the tenant's id with.");
    }

    @Test
    void aSoundTableHolds(@AsTenant("b") RlsSession b, Tenants tenants) {
        // WHEN
        String failure = new TableProbe((ScopedSession) b, "invoices", TableCheck.CANNOT_SEE).run(tenants.get("a"));

        // THEN
        assertThat(failure).isNull();
    }
}
