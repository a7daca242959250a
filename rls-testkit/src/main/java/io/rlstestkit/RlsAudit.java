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

    /**
     * {@link Severity#WARNING}: a foreign key between two tenant tables whose columns do not include the tenant column
     * on both sides: a foreign key check is not subject to row-level security, so a tenant can hang its rows under
     * another tenant's parent (and learn that the parent exists). Not raised for the foreign key through which a
     * table without a tenant column of its own reaches its tenant.
     */
    String FOREIGN_KEY_CROSSES_TENANTS = "FOREIGN_KEY_CROSSES_TENANTS";

    /**
     * {@link Severity#ERROR}: a tenant or worker role holds TRUNCATE on a table with row-level security: TRUNCATE
     * ignores policies and empties the table of every tenant's rows. A tenant role that owns the table, or is a member
     * of its owner, holds it too, forced or not, until the owner revokes it from itself. {@link Severity#WARNING},
     * with the same code, where a tenant role holds TRIGGER (a trigger of its own fires on every tenant's writes, with
     * their rows) or REFERENCES and may create tables (a foreign key of its own probes every tenant's keys).
     */
    String TRUNCATE_GRANTED = "TRUNCATE_GRANTED";

    /**
     * {@link Severity#WARNING}: a permissive policy, for PUBLIC or a role a tenant scope uses, that admits rows by a
     * session setting other than the tenant settings ({@code current_setting('app.bypass_rls', true) = 'on'}): any
     * session can set a custom setting, so isolation rests on the application never running a tenant's SQL with it.
     */
    String BYPASS_BY_SETTING = "BYPASS_BY_SETTING";

    /**
     * {@link Severity#ERROR}: a permissive INSERT, UPDATE or ALL policy for a role a tenant scope uses (or PUBLIC), on
     * a tenant table, whose WITH CHECK (or the USING that stands in for it) constrains none of the columns that tie
     * a row to a tenant: a tenant can write rows that belong to another.
     */
    String WITH_CHECK_IGNORES_TENANT = "WITH_CHECK_IGNORES_TENANT";

    /**
     * A permissive policy for a role a tenant scope uses (or PUBLIC), on a tenant table, whose expression neither
     * constrains a column that ties a row to a tenant nor reads the tenant's identity ({@code USING (public)},
     * {@code USING (status = 'published')}): {@link Severity#ERROR} for UPDATE, DELETE and ALL,
     * {@link Severity#WARNING} for SELECT (rows public by design are accepted with a justification). The constant
     * {@code true} is {@link #PERMISSIVE_TRUE}.
     */
    String POLICY_IGNORES_TENANT = "POLICY_IGNORES_TENANT";

    /**
     * {@link Severity#ERROR}: a policy compares a column with a setting, read by the policy or by a function it
     * calls, that no scope of the test sets: a misspelt or forgotten tenant setting, so that no tenant sees its rows,
     * or a setting some other code path sets.
     */
    String POLICY_READS_UNSET_SETTING = "POLICY_READS_UNSET_SETTING";

    /**
     * {@link Severity#ERROR}: a table has policies but its row-level security is off, so PostgreSQL ignores them.
     * Where the table has the tenant column, {@link #RLS_DISABLED} says it instead.
     */
    String POLICY_WITHOUT_RLS = "POLICY_WITHOUT_RLS";

    /**
     * {@link Severity#ERROR}: a role a tenant scope uses is a member of (so may {@code SET ROLE} to) a superuser, a
     * role with BYPASSRLS, or the owner of a table with row-level security.
     */
    String ROLE_CAN_BECOME_BYPASS = "ROLE_CAN_BECOME_BYPASS";

    /**
     * {@link Severity#INFO}: a policy calls {@code auth.uid()}, {@code auth.jwt()} or {@code current_setting(...)}
     * outside a subquery, so PostgreSQL may call it once for every row it filters; wrapped in a scalar subquery,
     * {@code (select auth.uid())}, it runs once per statement. Calls inside a subquery, and calls inside a function
     * the policy calls, are not reported.
     */
    String POLICY_PER_ROW_CALL = "POLICY_PER_ROW_CALL";

    /**
     * {@link Severity#INFO}: a table has several permissive policies for one role of a scope and one command:
     * PostgreSQL evaluates each of them for every row and ORs them, which costs time, and a broad one widens the
     * others without a trace in them. Merging them into one policy shows the whole rule in one place.
     */
    String MULTIPLE_PERMISSIVE_POLICIES = "MULTIPLE_PERMISSIVE_POLICIES";

    /** Every code the audit raises, in the order of this interface. */
    List<String> CODES = List.of(RLS_DISABLED, RLS_NOT_FORCED, NO_POLICY, PERMISSIVE_TRUE, ROLE_BYPASSES_RLS,
            SECURITY_DEFINER_NO_SEARCH_PATH, VIEW_BYPASSES_RLS, POLICY_READS_OWN_TABLE,
            SETTING_READ_WITHOUT_MISSING_OK, POLICY_COLUMN_NOT_INDEXED, SECURITY_DEFINER_READS_RLS_TABLE,
            CASCADE_BYPASSES_RLS, FOREIGN_KEY_CROSSES_TENANTS, TRUNCATE_GRANTED, BYPASS_BY_SETTING,
            WITH_CHECK_IGNORES_TENANT, POLICY_IGNORES_TENANT, POLICY_READS_UNSET_SETTING, POLICY_WITHOUT_RLS,
            ROLE_CAN_BECOME_BYPASS, POLICY_PER_ROW_CALL, MULTIPLE_PERMISSIVE_POLICIES);

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

    /**
     * The tables with row-level security or policies that the audit found to be shared by all tenants, each with why
     * ({@code public.settings (no column tenant_id, and no policy compares a column with the tenant)}): they have no
     * tenant column and no policy ties their rows to a tenant, so the isolation checks left them out. A table is a
     * tenant table when it has its tenant column, when its policies compare a column with the tenant's identity
     * (the tenant setting or a JWT claim, directly or through a function such as {@code has_role_on_account(account_id)}),
     * or when its policies reach a tenant table through one of its foreign keys. {@link #assertNoFindings()} names
     * them when it fails.
     */
    List<String> sharedTables();

    /**
     * Fails only on findings that a baseline file does not list, so that a project with many findings can adopt the
     * audit on day one and fix them over time:
     * <pre>{@code
     * @Test
     * void noNewFindings(RlsAudit audit) {
     *     audit.assertNoNewFindings("src/test/resources/rls-audit-baseline.txt");
     * }
     * }</pre>
     * The file lists one known finding a line, {@code SEVERITY CODE object}; a finding is known when a line has its
     * code and object. Accepted findings ({@link AcceptFinding}) are neither counted nor written. Run the tests once with
     * the property {@code rlstestkit.audit.write-baseline=true} (a system property, or a JUnit configuration parameter)
     * to write the file with the current findings, and commit it; a missing file fails and says so.
     *
     * @param baselineFile the file, relative to the working directory (the module's base directory under Maven)
     * @throws AssertionError listing the new findings, and the baseline's lines that no finding matches any more
     */
    void assertNoNewFindings(String baselineFile);
}
