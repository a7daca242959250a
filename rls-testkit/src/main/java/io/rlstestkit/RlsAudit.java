package io.rlstestkit;

import java.util.List;

/**
 * The policy audit: reads the catalog of the migrated database ({@code pg_class}, {@code pg_policy},
 * {@code pg_roles}, {@code pg_proc}, views, grants, foreign keys) and reports what is wrong with its row-level
 * security, each finding with a stable code, the object, a message that says how to fix it, and a severity.
 * Inject it into a test method of an {@link RlsTest} class:
 * <pre>{@code
 * @Test
 * void policiesAreSound(RlsAudit audit) {
 *     audit.assertNoFindings();
 * }
 * }</pre>
 * The roles "a tenant scope uses" are the tenant role and the roles of the named scopes defined per tenant, as the
 * test's configuration says; the tables "with the tenant column" are those that have the configured tenant column
 * (or their own, {@link RlsExtension.Builder#tenantColumn(String, String)}). Objects of PostgreSQL itself, and of
 * extensions, are not audited.
 *
 * <h2>Accepting a finding</h2>
 * A finding that is by design is accepted with a written justification, with {@link AcceptFinding} or
 * {@link RlsExtension.Builder#acceptFinding(String, String, String)}. It is still listed, as accepted, by
 * {@link #findings()}, by {@link #assertNoFindings()}'s messages and in the run's report
 * ({@code target/rls-testkit/coverage.md}).
 *
 * <h2>Codes</h2>
 * Each code is a constant of this interface; see each for what raises it.
 */
public interface RlsAudit {

    /**
     * {@link Severity#ERROR}: a table with the tenant column whose row-level security is off. Every role that may read
     * it reads every tenant's rows.
     */
    String RLS_DISABLED = "RLS_DISABLED";

    /**
     * {@link Severity#ERROR}: a table with row-level security, not forced, owned by a role that a tenant scope uses
     * (directly or through membership): its owner bypasses its policies.
     */
    String RLS_NOT_FORCED = "RLS_NOT_FORCED";

    /**
     * {@link Severity#WARNING}: a table with row-level security on and no policy at all: nobody subject to it reads or
     * writes a row; or one where only RESTRICTIVE policies apply to a role that a tenant scope uses: they narrow what
     * a permissive policy grants, and none does, so that role reads and writes no row.
     * With the Supabase preset, the {@code auth} and {@code storage} tables are left out, as Supabase ships them so.
     */
    String NO_POLICY = "NO_POLICY";

    /**
     * {@link Severity#ERROR}: a permissive policy whose USING or WITH CHECK is the constant {@code true}, for a role
     * that a tenant scope uses or for PUBLIC. Not raised where a restrictive policy that applies to the same role and
     * commands narrows it with a condition that is not constant.
     */
    String PERMISSIVE_TRUE = "PERMISSIVE_TRUE";

    /** {@link Severity#ERROR}: a role that a tenant scope uses is a superuser or has BYPASSRLS. */
    String ROLE_BYPASSES_RLS = "ROLE_BYPASSES_RLS";

    /**
     * {@link Severity#ERROR}: a SECURITY DEFINER function without a fixed {@code search_path}: a caller who puts a
     * schema of their own first can make it run their objects with its owner's rights.
     */
    String SECURITY_DEFINER_NO_SEARCH_PATH = "SECURITY_DEFINER_NO_SEARCH_PATH";

    /**
     * {@link Severity#ERROR}: a view over a table with row-level security that runs as its owner (no
     * {@code security_invoker}), or a materialized view over one, that a tenant scope's role can read.
     */
    String VIEW_BYPASSES_RLS = "VIEW_BYPASSES_RLS";

    /**
     * {@link Severity#WARNING}: a policy whose expression reads its own table in a subquery: where the read is subject
     * to the same policy, PostgreSQL stops the statement with "infinite recursion detected in policy". Reads hidden
     * in a function the policy calls are not seen.
     */
    String POLICY_READS_OWN_TABLE = "POLICY_READS_OWN_TABLE";

    /**
     * {@link Severity#WARNING}: a policy, or a function a policy calls, reads a setting that a tenant scope sets with
     * {@code current_setting(name)} (or {@code current_setting(name, false)}), without {@code missing_ok}: where the
     * setting is absent, statements fail with "unrecognized configuration parameter" instead of seeing no rows.
     * The reverse, {@code current_setting(name, true)}, returns NULL where the setting is absent, and NULL denies as
     * long as the policy compares with it; a policy that turns NULL into "no filter"
     * ({@code coalesce(..., tenant_id)}, {@code ... IS NULL OR ...}) shows every row instead, which this code does
     * not detect: a session without the setting ({@link AsScope}) and {@code returnsNoRows()} proves it.
     */
    String SETTING_READ_WITHOUT_MISSING_OK = "SETTING_READ_WITHOUT_MISSING_OK";

    /**
     * {@link Severity#WARNING}: a column that the USING expressions of a table's policies read and that no index
     * leads with (or follows another such column in): every statement the policies filter scans the table.
     */
    String POLICY_COLUMN_NOT_INDEXED = "POLICY_COLUMN_NOT_INDEXED";

    /**
     * {@link Severity#WARNING}: a SECURITY DEFINER function that reads a table with row-level security, whose owner
     * bypasses that table's row-level security, and that a tenant scope's role may execute: it returns every
     * tenant's rows unless it filters by tenant itself. Reads are found in SQL-standard bodies through the catalog's
     * dependencies, and in SQL and PL/pgSQL bodies by the table's name.
     */
    String SECURITY_DEFINER_READS_RLS_TABLE = "SECURITY_DEFINER_READS_RLS_TABLE";

    /**
     * {@link Severity#INFO}: a foreign key with ON DELETE CASCADE (or SET NULL, SET DEFAULT) from a tenant-scoped table
     * into another: the cascade changes the referencing rows without their table's policies. Not raised where the
     * foreign key includes the tenant column on both sides, so that a row can only reference its own tenant's.
     */
    String CASCADE_BYPASSES_RLS = "CASCADE_BYPASSES_RLS";

    /** Every code the audit raises, in the order of this interface. */
    List<String> CODES = List.of(RLS_DISABLED, RLS_NOT_FORCED, NO_POLICY, PERMISSIVE_TRUE, ROLE_BYPASSES_RLS,
            SECURITY_DEFINER_NO_SEARCH_PATH, VIEW_BYPASSES_RLS, POLICY_READS_OWN_TABLE,
            SETTING_READ_WITHOUT_MISSING_OK, POLICY_COLUMN_NOT_INDEXED, SECURITY_DEFINER_READS_RLS_TABLE,
            CASCADE_BYPASSES_RLS);

    /**
     * Every finding, accepted ones included (marked {@link Finding#accepted()}), by severity (errors first), code and
     * object. Read once, when first asked for.
     */
    List<Finding> findings();

    /**
     * Fails, listing every finding that is not accepted, where there is one; also where an acceptance matches no
     * finding. Accepted findings are listed in the message as such.
     *
     * @throws AssertionError listing the findings
     */
    void assertNoFindings();

    /**
     * Like {@link #assertNoFindings()}, but fails only for findings of that severity or graver; the others are
     * listed in the message, not counted.
     *
     * @param minimum the mildest severity that fails: {@code WARNING} fails for errors and warnings
     * @throws AssertionError listing the findings
     */
    void assertNoFindings(Severity minimum);
}
