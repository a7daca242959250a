package io.rlstestkit.internal.guard;

import io.rlstestkit.guard.TenantContextViolation;
import org.apiguardian.api.API;
import org.postgresql.core.TransactionState;

import javax.sql.DataSource;
import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * What the tenant-context guard allows, and the check it makes before a statement: which tables with row-level
 * security the statement touches ({@link StatementTables}, once per statement text), then what is in force on the
 * application's connection ({@link SessionFacts}, once per transaction while nothing can have changed it:
 * {@link TransactionMemo}), then who issued it ({@link CallerFrames}), only where something is wrong.
 */
@API(status = INTERNAL)
public final class Guard {

    private final DataSource owner;
    private final String tenantSetting;
    private final Set<String> systemRoles;
    private final Set<Class<? extends Annotation>> systemPaths;
    private final StatementTables tables;
    private final List<String> violations;

    public Guard(DataSource owner, String tenantSetting, Set<String> systemRoles,
                 Set<Class<? extends Annotation>> systemPaths) {
        this(owner, tenantSetting, systemRoles, systemPaths, new StatementTables(owner),
                Collections.synchronizedList(new ArrayList<>()));
    }

    private Guard(DataSource owner, String tenantSetting, Set<String> systemRoles,
                  Set<Class<? extends Annotation>> systemPaths, StatementTables tables, List<String> violations) {
        this.owner = owner;
        this.tenantSetting = tenantSetting;
        this.systemRoles = Set.copyOf(systemRoles);
        this.systemPaths = Set.copyOf(systemPaths);
        this.tables = tables;
        this.violations = violations;
    }

    public Set<String> systemRoles() {
        return systemRoles;
    }

    public Set<Class<? extends Annotation>> systemPaths() {
        return systemPaths;
    }

    public Guard withSystemRoles(Set<String> roles) {
        return new Guard(owner, tenantSetting, roles, systemPaths, tables, violations);
    }

    public Guard withSystemPaths(Set<Class<? extends Annotation>> paths) {
        return new Guard(owner, tenantSetting, systemRoles, paths, tables, violations);
    }

    public Guard withTenantSetting(String setting) {
        return new Guard(owner, setting, systemRoles, systemPaths, tables, violations);
    }

    /** The violations recorded so far. */
    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** The violations recorded so far, forgotten. */
    public List<String> takeViolations() {
        synchronized (violations) {
            List<String> taken = List.copyOf(violations);
            violations.clear();
            return taken;
        }
    }

    /**
     * Checks a statement before it runs on the connection.
     *
     * @param connection the application's connection, not the guard's proxy
     * @param sql        the statement as the application gave it
     * @param prepared   whether it has JDBC parameters ({@code ?})
     * @param memo       what the guard read on this connection in its open transaction
     * @throws TenantContextViolation where it has no tenant context, or runs as a role that bypasses row-level
     *                                security, and is not allowed
     */
    void check(Connection connection, String sql, boolean prepared, TransactionMemo memo) throws SQLException {
        List<StatementTables.RlsTable> touched = tables.of(sql, prepared);
        if (touched.isEmpty()) {
            memo.forget(); // it may set the tenant or the role (SET, set_config, a function): read them again
            return;
        }
        TransactionState state = memo.state(connection);
        if (state == TransactionState.FAILED) {
            return; // the statement fails as it would: the transaction is aborted
        }
        SessionFacts facts = memo.facts();
        if (state != TransactionState.OPEN || TransactionMemo.changesContext(sql)) {
            memo.forget();
            facts = SessionFacts.read(connection, tenantSetting, touched);
        } else if (facts == null || !facts.cover(touched)) {
            SessionFacts read = SessionFacts.read(connection, tenantSetting, touched);
            facts = facts == null ? read : facts.and(read);
            memo.keep(facts);
        }
        if (systemRoles.contains(facts.role())) {
            return;
        }
        List<StatementTables.RlsTable> bypassed = facts.bypassedOf(touched);
        String problem;
        if (!bypassed.isEmpty()) {
            problem = "as role " + facts.role() + ", which bypasses row-level security on "
                    + SessionFacts.bypass(connection, bypassed)
                    + ".\nConnect as (or SET LOCAL ROLE to) a role that row-level security applies to, or allow this"
                    + " role as a system role (allowingRoles(\"" + facts.role() + "\")) if it is one.";
        } else if (facts.tenant() == null) {
            problem = "without " + tenantSetting + " set for its transaction.\nSet it for the transaction first"
                    + " (SELECT set_config('" + tenantSetting + "', ?, true), or SET LOCAL), or mark a system path"
                    + " with @SystemPath or an annotation the guard allows.";
        } else if (state == TransactionState.IDLE) {
            problem = "with " + tenantSetting + " = '" + facts.tenant() + "' from the session, not from its own"
                    + " transaction (the statement starts one): set without LOCAL, or left on the connection by its"
                    + " previous borrower.\nSet it for the transaction (set_config(..., true) or SET LOCAL) inside"
                    + " the same transaction as the statement.";
        } else {
            return;
        }
        CallerFrames.Caller caller = CallerFrames.find(systemPaths);
        if (bypassed.isEmpty() && caller.systemPath() != null) {
            return;
        }
        String message = "Expecting every statement on a table with row-level security to run in a tenant context,"
                + " but\n  " + sql.strip() + "\nran on " + touched.stream().map(StatementTables.RlsTable::name)
                .collect(Collectors.joining(", ")) + " " + problem
                + "\n  role: " + facts.role() + " (session user " + facts.sessionUser() + ")"
                + "\n  " + tenantSetting + ": " + (facts.tenant() == null ? "not set" : "'" + facts.tenant() + "'")
                + "\n  transaction: " + (state == TransactionState.IDLE ? "none open (the statement starts one)"
                : "open")
                + "\n  issued by: " + caller.issuer();
        violations.add(message);
        throw new TenantContextViolation(message);
    }

    @Override
    public String toString() {
        return "tenant setting " + tenantSetting + ", system roles " + systemRoles + ", system paths "
                + systemPaths.stream().map(type -> "@" + type.getSimpleName()).toList();
    }
}
