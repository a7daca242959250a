package io.rlstestkit.internal.environment;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.audit.AuditScope;
import io.rlstestkit.internal.audit.Auditor;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.scope.Scope;
import org.apiguardian.api.API;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The policy audit of a test run, as the face's {@code RlsAudit} and a command line run it: the roles and settings
 * of the run's scopes, and the audit of the migrated catalog read as the owner.
 */
@API(status = INTERNAL)
public final class RunAudit {

    private RunAudit() {
    }

    /**
     * Audits the run's catalog.
     *
     * @throws KitException where the catalog cannot be read
     */
    public static Auditor.Report audit(TestRun run) {
        AuditScope scope = scope(run);
        try {
            return run.transaction().run(run.scopes().owner(), connection ->
                    Auditor.audit(new Catalog(connection), scope));
        } catch (SQLException e) {
            throw new KitException("Could not read the catalog for the audit: " + e.getMessage(), e);
        }
    }

    /** What the audit checks the catalog against: the roles and settings of the run's scopes. */
    public static AuditScope scope(TestRun run) {
        Map<String, String> roles = new LinkedHashMap<>();
        Set<String> settings = new LinkedHashSet<>();
        String sessionUser = run.transaction().sessionUser();
        for (Tenant tenant : run.environment().tenants()) {
            for (Scope scope : run.scopes().scopesOf(tenant)) {
                String use = scope.kind() != Scope.Kind.TENANT ? "the role of scope " + scope.name()
                        : scope.role() == null ? "the user the kit logged in as, since no tenant role is configured"
                        : "the tenant role";
                roles.putIfAbsent(scope.role() == null ? sessionUser : scope.role(), use);
                settings.addAll(scope.settings().keySet());
            }
        }
        Map<String, String> workers = new LinkedHashMap<>();
        String worker = run.scopes().worker().role();
        if (worker != null && !roles.containsKey(worker)) {
            workers.put(worker, "the worker role");
        }
        return new AuditScope(roles, settings, run::tenantColumnOf, run.environment().configuration().supabase(),
                workers, run.scopes().knownSettings(run.environment().tenants().all()));
    }
}
