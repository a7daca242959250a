package io.rlstestkit.internal.report;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * One check an assertion made: a scope, a command, a table, the tenant whose rows were aimed at, and whether the
 * check held.
 *
 * @param source      the test class that made the check
 * @param environment the configuration's label (its migration locations)
 * @param table       the schema-qualified table
 * @param scope       the scope's label ({@code tenant b}, {@code worker})
 * @param command     {@code SELECT}, {@code INSERT}, {@code UPDATE} or {@code DELETE}
 * @param check       what was checked ({@code cannot}, {@code can}, or the assertion's name)
 * @param target      the tenant whose rows were aimed at, or {@code null}
 * @param passed      whether the check held
 */
@API(status = INTERNAL)
public record Proof(String source, String environment, String table, String scope, String command, String check, String target,
                    boolean passed) {

    /** {@code tenant b cannot UPDATE rows of tenant a in public.invoices}; INSERT rows {@code for} a tenant. */
    public String sentence() {
        return scope + " " + check + " " + command + (target == null ? ""
                : (command.equals("INSERT") ? " rows for " : " rows of ") + target) + " in " + table;
    }
}
