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

    /** The check of the deny matrix's probe that a tenant cannot point its rows' foreign keys at another's rows. */
    public static final String ATTACH = "cannot attach";
    /** The check of the probe that a tenant cannot move its rows to another by an UPDATE of the tenant column. */
    public static final String MOVE = "cannot move";
    /** The check of the probe that a tenant cannot TRUNCATE a table. */
    public static final String TRUNCATE = "cannot TRUNCATE";
    /** The check of the probe that a tenant cannot see another's rows by setting another setting the policies read. */
    public static final String LIFT = "cannot lift isolation by a setting";

    /** {@code tenant b cannot UPDATE rows of tenant a in public.invoices}; INSERT rows {@code for} a tenant. */
    public String sentence() {
        return switch (check) {
            case ATTACH -> scope + " cannot attach rows to " + target + "'s parents in " + table;
            case MOVE -> scope + " cannot move its rows to " + target + " in " + table;
            case TRUNCATE -> scope + " cannot TRUNCATE " + table;
            case LIFT -> scope + " cannot lift isolation by a setting to see " + target + "'s rows in " + table;
            default -> scope + " " + check + " " + command + (target == null ? ""
                    : (command.equals("INSERT") ? " rows for " : " rows of ") + target) + " in " + table;
        };
    }
}
