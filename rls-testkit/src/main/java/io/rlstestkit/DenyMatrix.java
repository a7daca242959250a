package io.rlstestkit;

import org.junit.jupiter.api.DynamicNode;

import java.util.Map;
import java.util.stream.Stream;

/**
 * The deny-path matrix: dynamic tests that every tenant is denied every other tenant's rows, in every table with the
 * tenant column or with row-level security, for SELECT, INSERT, UPDATE and DELETE. Inject it into a
 * {@code @TestFactory} of an {@link RlsTest} class:
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
 *     return matrix.excluding("schema_history")
 *             .withRow("vouchers", Map.of("code", "ABC-1234"))
 *             .tests();
 * }
 * }</pre>
 *
 * <h2>The tests</h2>
 * One container per table ({@code invoices}; schema-qualified outside {@code public}), and in it, for every ordered
 * pair of distinct tenants, four tests, named so that they read well in an IDE and in Surefire's reports:
 * <ul>
 *   <li>{@code invoices: b cannot SELECT rows of a}, {@code invoices: b cannot UPDATE rows of a},
 *       {@code invoices: b cannot DELETE rows of a}: the assertions {@code cannotSee}, {@code cannotUpdate} and
 *       {@code cannotDelete} of {@link RlsAssertions}, with their positive controls (a has rows there, and sees
 *       them) and their blind probes (an UPDATE or DELETE that reads no column, which a SELECT policy does not
 *       hide);</li>
 *   <li>{@code invoices: b cannot INSERT rows for a}: b inserts a row for a, which must be refused by a policy or
 *       for lack of a privilege; first, as the positive control, b inserts the same kind of row for itself, which
 *       must succeed, or the refusal would prove nothing; where the tenant role has no INSERT privilege or no
 *       permissive INSERT policy, it passes and its name says so;</li>
 *   <li>{@code invoices: b cannot move its rows to a} (an UPDATE of the tenant column, aimed and blind),
 *       {@code payments: b cannot attach rows to a's parents} (b's own row with a foreign key to a's parent row,
 *       which foreign-key checks allow unless the key includes the tenant column), and, for each tenant,
 *       {@code invoices: b cannot TRUNCATE} (TRUNCATE ignores row-level security).</li>
 * </ul>
 * All of them run in the test factory's transaction; each rolls back whatever it did.
 *
 * <h2>Tenant columns and rows</h2>
 * A table without the configured tenant column takes the column its policies compare with the tenant's setting or
 * claim (directly, or as a function's argument); the container's name says which. A table whose policies reach the
 * tenant only through its parent ({@code EXISTS (SELECT 1 FROM invoices i WHERE i.id = invoice_lines.invoice_id ...)})
 * takes its parent's tenant ({@code invoice_lines (tenant through invoice_id -> public.invoices)}) and is probed by it:
 * SELECT, INSERT, UPDATE, DELETE, a move under the other tenant's parent, TRUNCATE. A table with row-level security
 * whose policies name none is shared by all tenants and listed once. Where the seed left a tenant without rows in a
 * covered table, the matrix makes them, as the owner with the tenant's settings and claims set, in the factory's
 * transaction, parents first; a failure in such a table says that the rows are synthesized.
 *
 * <h2>The row to insert</h2>
 * The matrix makes it from the catalog: the tenant column; every NOT NULL column without a default, with a value of
 * its type (enums take a label, simple CHECK constraints are tried in turn); and foreign keys pointing to the
 * inserting tenant's own seeded parent rows (to the row's tenant's, where the foreign key includes the tenant
 * column), another of them where a constraint refuses the first. Where that fails, give a template with
 * {@link #withRow(String, Map)}: its values take precedence.
 *
 * <h2>Tables it cannot cover</h2>
 * A table that it cannot cover (row-level security without the tenant column, no row to insert) yields a failing
 * test that says why, never a silent skip, unless it is excluded by name with {@link #excluding(String...)}.
 */
public interface DenyMatrix {

    /**
     * Leaves tables out of the matrix: {@code "audit_logs"} or {@code "public.audit_logs"}. A name that matches no
     * table the matrix would cover yields a failing test, so that a typo does not go unnoticed.
     *
     * @return this matrix
     */
    DenyMatrix excluding(String... tables);

    /**
     * Leaves one command of one table out of the matrix: where tenants may not INSERT into a table at all, say, its
     * INSERT tests would fail, since a refusal for another tenant then proves nothing about the policies.
     *
     * @param table   {@code "audit_logs"} or {@code "public.audit_logs"}
     * @param command {@code SELECT}, {@code INSERT}, {@code UPDATE}, {@code DELETE} or {@code TRUNCATE}, in any case;
     *                {@code UPDATE} leaves out the move test too, {@code INSERT} the attach test
     * @return this matrix
     * @throws IllegalArgumentException for another command
     */
    DenyMatrix excludingCommand(String table, String command);

    /**
     * A template for the rows the matrix inserts into a table: column name to value, bound as a JDBC parameter and
     * cast to the column's type. A value may be a {@code java.util.function.Function<Tenant, ?>} of the tenant the row
     * is for (for a foreign key into a table of that tenant's); a {@link Tenant} binds as its id. The tenant column is
     * always set by the matrix. Columns the template leaves out are made as without one.
     *
     * @param table    {@code "vouchers"} or {@code "public.vouchers"}
     * @param template the values
     * @return this matrix
     */
    DenyMatrix withRow(String table, Map<String, ?> template);

    /** The dynamic tests: one container per table, in schema and name order. */
    Stream<DynamicNode> tests();
}
