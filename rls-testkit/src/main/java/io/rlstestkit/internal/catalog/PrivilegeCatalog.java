package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Optional;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The privileges and memberships that let a role act past row-level security: TRUNCATE, REFERENCES and TRIGGER on a
 * table with it, and roles it may become. Reads through a {@link Catalog}.
 */
@API(status = INTERNAL)
public final class PrivilegeCatalog {

    /**
     * One privilege a role holds on a table with row-level security.
     *
     * @param role      the role
     * @param table     the table
     * @param privilege {@code TRUNCATE}, {@code REFERENCES} or {@code TRIGGER}
     * @param asOwner   whether the role holds it as the table's owner, or as a member of the owner, which holds it
     *                  (only TRUNCATE is listed so: an owner holds it until it revokes it from itself)
     */
    public record TablePrivilege(String role, TableInfo table, String privilege, boolean asOwner) {
    }

    /**
     * A role that another role may become ({@code SET ROLE}) or whose privileges it has, and why that matters.
     *
     * @param role   the role that may become it
     * @param target the role it may become
     * @param reason {@code a superuser}, {@code a role with BYPASSRLS}, or {@code the owner of public.invoices}
     */
    public record Membership(String role, String target, String reason) {
    }

    private final Catalog catalog;

    public PrivilegeCatalog(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The TRUNCATE, REFERENCES and TRIGGER privileges the roles hold, directly, through PUBLIC or a role they are a
     * member of, on the tables of the project's schemas that have row-level security; TRUNCATE also where the role is
     * the table's owner or a member of it, REFERENCES and TRIGGER only where it is neither.
     *
     * @param roles roles that exist
     */
    public List<TablePrivilege> privilegesOnRlsTables(List<String> roles) {
        return catalog.query("SELECT r.role, " + Catalog.TABLE_COLUMNS + ", p.privilege, "
                + "pg_has_role(r.role, c.relowner, 'USAGE') AND has_table_privilege(c.relowner, c.oid, p.privilege) "
                + "FROM unnest(?::text[]) AS r(role) CROSS JOIN pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "CROSS JOIN unnest(ARRAY['TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p(privilege) "
                + "WHERE c.relkind IN ('r', 'p') AND c.relrowsecurity AND NOT c.relispartition AND "
                + Catalog.USER_SCHEMAS + " AND has_table_privilege(r.role, c.oid, p.privilege) "
                + "AND (p.privilege = 'TRUNCATE' OR NOT pg_has_role(r.role, c.relowner, 'USAGE')) "
                + "ORDER BY n.nspname, c.relname, r.role, p.privilege",
                rows -> new TablePrivilege(rows.getString(1), Catalog.table(rows, 2), rows.getString(9),
                        rows.getBoolean(10)),
                (Object) roles.toArray(String[]::new));
    }

    /**
     * How a role that is not a superuser holds TRUNCATE on a table: as its owner or a member of the owner, which holds
     * it, or else by a grant; empty where it does not hold it, or is a superuser.
     *
     * @param role  the role, or {@code null} for the user the session logged in as
     * @param table the table's oid
     */
    public Optional<TablePrivilege> truncate(String role, long table) {
        return catalog.query("SELECT r.rolname, " + Catalog.TABLE_COLUMNS + ", "
                + "pg_has_role(r.oid, c.relowner, 'USAGE') AND has_table_privilege(c.relowner, c.oid, 'TRUNCATE') "
                + "FROM pg_roles r CROSS JOIN pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE r.rolname = coalesce(?, session_user) AND c.oid = ?::oid AND NOT r.rolsuper "
                + "AND has_table_privilege(r.oid, c.oid, 'TRUNCATE')",
                rows -> new TablePrivilege(rows.getString(1), Catalog.table(rows, 2), "TRUNCATE",
                        rows.getBoolean(9)), role, table).stream().findFirst();
    }

    /**
     * The roles that may insert or update one of a table's columns, directly, through PUBLIC or a role they are a
     * member of.
     *
     * @param table   the table's oid
     * @param columns the columns
     * @param roles   roles that exist
     */
    public List<String> writersOf(long table, List<String> columns, List<String> roles) {
        return catalog.query("SELECT r FROM unnest(?::text[]) AS r WHERE EXISTS (SELECT 1 FROM unnest(?::text[]) AS c "
                + "WHERE has_column_privilege(r, ?::oid, c, 'INSERT, UPDATE')) ORDER BY r", rows -> rows.getString(1),
                roles.toArray(String[]::new), columns.toArray(String[]::new), table);
    }

    /** The schemas of the project in which a role may create tables. */
    public List<String> schemasWithCreate(String role) {
        return catalog.query("SELECT n.nspname FROM pg_namespace n WHERE " + Catalog.USER_SCHEMAS
                + " AND has_schema_privilege(?, n.oid, 'CREATE') ORDER BY 1", rows -> rows.getString(1), role);
    }

    /**
     * The other roles that the roles are members of (so may {@code SET ROLE} to) and that are a superuser, have
     * BYPASSRLS, or own a table of the project's schemas with row-level security.
     *
     * @param roles roles that exist
     */
    public List<Membership> bypassingRolesReachable(List<String> roles) {
        return catalog.query("SELECT r.role, m.rolname, CASE WHEN m.rolsuper THEN 'a superuser' "
                + "  WHEN m.rolbypassrls THEN 'a role with BYPASSRLS' "
                + "  ELSE 'the owner of ' || (SELECT string_agg(n.nspname || '.' || c.relname, ', ' "
                + "    ORDER BY n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "    WHERE c.relowner = m.oid AND c.relkind IN ('r', 'p') AND c.relrowsecurity AND "
                + Catalog.USER_SCHEMAS + ") END "
                + "FROM unnest(?::text[]) AS r(role) JOIN pg_roles m ON m.rolname <> r.role "
                + "  AND pg_has_role(r.role, m.oid, 'MEMBER') "
                + "WHERE m.rolsuper OR m.rolbypassrls OR EXISTS (SELECT 1 FROM pg_class c "
                + "  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relowner = m.oid "
                + "  AND c.relkind IN ('r', 'p') AND c.relrowsecurity AND " + Catalog.USER_SCHEMAS + ") "
                + "ORDER BY r.role, m.rolname",
                rows -> new Membership(rows.getString(1), rows.getString(2), rows.getString(3)),
                (Object) roles.toArray(String[]::new));
    }
}
