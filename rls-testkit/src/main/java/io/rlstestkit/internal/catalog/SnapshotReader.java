package io.rlstestkit.internal.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog queries behind a {@link SchemaSnapshot}: one query per kind of object, each reading only the
 * project's schemas, leaving out what extensions own and what {@link SchemaSnapshot.Exclusions} names.
 */
final class SnapshotReader {

    private static final String USER_SCHEMAS = Catalog.USER_SCHEMAS;

    /** A relation's name, schema-qualified and quoted where PostgreSQL needs it. */
    private static final String QNAME = "quote_ident(n.nspname) || '.' || quote_ident(c.relname)";

    /** An owner, or NULL for the migrating user: ownership by the user that runs the migrations goes unsaid. */
    private static final String OWNER = "nullif(pg_get_userbyid(%s), session_user)";

    /** A grantee as GRANT names it. */
    private static final String GRANTEE = "CASE WHEN x.grantee = 0 THEN 'PUBLIC'"
            + " ELSE quote_ident(pg_get_userbyid(x.grantee)) END";

    private static final String RELATION_KIND = "CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'"
            + " WHEN 'S' THEN 'sequence' ELSE 'table' END";

    private final Catalog catalog;
    private final SchemaSnapshot.Exclusions exclusions;
    private final List<SchemaObject> objects = new ArrayList<>();
    private long excludedTable;

    SnapshotReader(Catalog catalog, SchemaSnapshot.Exclusions exclusions) {
        this.catalog = catalog;
        this.exclusions = exclusions;
    }

    List<SchemaObject> read() {
        excludedTable = exclusions.table() == null ? 0 : catalog.query("SELECT coalesce(to_regclass(?)::oid, 0)",
                rows -> rows.getLong(1), exclusions.table()).get(0);
        roles();
        schemas();
        extensions();
        types();
        sequences();
        tables();
        columns();
        constraints();
        indexes();
        views();
        functions();
        triggers();
        eventTriggers();
        policies();
        grants();
        columnGrants();
        defaultPrivileges();
        return objects;
    }

    private static String notExtensionMember(String catalogTable, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '" + catalogTable + "'::regclass AND d.objid = "
                + oid + " AND d.deptype = 'e')";
    }

    private String relationFilter() {
        return USER_SCHEMAS + " AND c.oid <> " + excludedTable + " AND " + notExtensionMember("pg_class", "c.oid");
    }

    private void add(SchemaObject.Builder builder) {
        objects.add(builder.build());
    }

    private void roles() {
        String acls = "SELECT (aclexplode(%s)).grantee FROM %s WHERE %s IS NOT NULL";
        String referenced = "SELECT c.relowner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                + USER_SCHEMAS
                + " UNION SELECT n.nspowner FROM pg_namespace n WHERE " + USER_SCHEMAS
                + " UNION SELECT p.proowner FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE "
                + USER_SCHEMAS
                + " UNION SELECT t.typowner FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE "
                + USER_SCHEMAS
                + " UNION " + acls.formatted("c.relacl", "pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace",
                "c.relacl") + " AND " + USER_SCHEMAS
                + " UNION " + acls.formatted("a.attacl", "pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace", "a.attacl") + " AND " + USER_SCHEMAS
                + " UNION " + acls.formatted("p.proacl", "pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace",
                "p.proacl") + " AND " + USER_SCHEMAS
                + " UNION " + acls.formatted("t.typacl", "pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace",
                "t.typacl") + " AND " + USER_SCHEMAS
                + " UNION " + acls.formatted("n.nspacl", "pg_namespace n", "n.nspacl") + " AND " + USER_SCHEMAS
                + " UNION " + acls.formatted("d.datacl", "pg_database d", "d.datacl")
                + " AND d.datname = current_database()"
                + " UNION " + acls.formatted("d.defaclacl", "pg_default_acl d", "d.defaclacl")
                + " UNION SELECT d.defaclrole FROM pg_default_acl d"
                + " UNION SELECT unnest(p.polroles) FROM pg_policy p";
        String others = "SELECT string_agg(DISTINCT quote_ident(b.rolname), ', ' ORDER BY quote_ident(b.rolname))"
                + " FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.%s WHERE m.%s = r.oid"
                + " AND b.rolname <> session_user";
        String sql = "SELECT quote_ident(r.rolname), r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb,"
                + " r.rolcanlogin, r.rolreplication, r.rolbypassrls, r.rolconnlimit, ("
                + others.formatted("roleid", "member") + "), (" + others.formatted("member", "roleid") + "),"
                + " (SELECT array_to_string(s.setconfig, ', ') FROM pg_db_role_setting s"
                + "  WHERE s.setrole = r.oid AND s.setdatabase = 0)"
                + " FROM pg_roles r WHERE r.oid IN (" + referenced + ") AND r.rolname <> session_user"
                + " AND r.rolname !~ '^pg_'";
        catalog.query(sql, rows -> {
            add(new SchemaObject.Builder("role", "role " + rows.getString(1), null)
                    .flag("superuser", rows.getBoolean(2), "SUPERUSER", "NOSUPERUSER")
                    .flag("inherit", rows.getBoolean(3), "INHERIT", "NOINHERIT")
                    .flag("createrole", rows.getBoolean(4), "CREATEROLE", "NOCREATEROLE")
                    .flag("createdb", rows.getBoolean(5), "CREATEDB", "NOCREATEDB")
                    .flag("login", rows.getBoolean(6), "LOGIN", "NOLOGIN")
                    .flag("replication", rows.getBoolean(7), "REPLICATION", "NOREPLICATION")
                    .flag("bypassrls", rows.getBoolean(8), "BYPASSRLS", "NOBYPASSRLS")
                    .with("connection limit", rows.getInt(9) == -1 ? null : rows.getInt(9))
                    .with("member of", rows.getString(10))
                    .with("members", rows.getString(11))
                    .with("settings", rows.getString(12)));
            return null;
        });
    }

    private void schemas() {
        String sql = "SELECT n.nspname, quote_ident(n.nspname), " + OWNER.formatted("n.nspowner")
                + " FROM pg_namespace n WHERE " + USER_SCHEMAS + " AND " + notExtensionMember("pg_namespace", "n.oid");
        catalog.query(sql, rows -> {
            if (!exclusions.schemas().contains(rows.getString(1))) {
                add(new SchemaObject.Builder("schema", "schema " + rows.getString(2), null)
                        .with("owner", rows.getString(3)));
            }
            return null;
        });
    }

    private void extensions() {
        String sql = "SELECT quote_ident(e.extname), quote_ident(n.nspname), e.extversion FROM pg_extension e"
                + " JOIN pg_namespace n ON n.oid = e.extnamespace";
        catalog.query(sql, rows -> {
            add(new SchemaObject.Builder("extension", "extension " + rows.getString(1), null)
                    .with("schema", rows.getString(2))
                    .with("version", rows.getString(3)));
            return null;
        });
    }

    /** The user-defined types a snapshot lists: not array types, not the row types of tables and views. */
    static final String USER_TYPES = USER_SCHEMAS + " AND t.typtype IN ('b', 'c', 'd', 'e', 'r')"
            + " AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')"
            + " AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid"
            + "  AND d.deptype = 'e')";

    private static final String TYPE_KIND = "CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END";

    private void types() {
        String sql = "SELECT " + TYPE_KIND + ", quote_ident(n.nspname) || '.' || quote_ident(t.typname), t.typtype,"
                + " (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e"
                + "  WHERE e.enumtypid = t.oid),"
                + " (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', '"
                + "  ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = t.typrelid AND t.typrelid <> 0"
                + "  AND a.attnum > 0 AND NOT a.attisdropped),"
                + " (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r WHERE r.rngtypid = t.oid),"
                + " CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END,"
                + " t.typnotnull, t.typdefault, " + OWNER.formatted("t.typowner")
                + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + USER_TYPES;
        catalog.query(sql, rows -> {
            String kind = rows.getString(1);
            String typtype = rows.getString(3);
            SchemaObject.Builder type = new SchemaObject.Builder(kind, kind + " " + rows.getString(2), null);
            switch (typtype) {
                case "e" -> type.with("kind", "enum").with("labels", rows.getString(4));
                case "c" -> type.with("kind", "composite").with("attributes", rows.getString(5));
                case "r" -> type.with("kind", "range").with("subtype", rows.getString(6));
                case "d" -> type.with("base type", rows.getString(7))
                        .flag("not null", rows.getBoolean(8), "NOT NULL", "nullable")
                        .with("default", rows.getString(9));
                default -> type.with("kind", "base");
            }
            add(type.with("owner", rows.getString(10)));
            return null;
        });
    }

    private void sequences() {
        String ownedBy = "SELECT quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) || '.'"
                + " || quote_ident(a.attname)"
                + " FROM pg_depend d JOIN pg_class tc ON tc.oid = d.refobjid"
                + " JOIN pg_namespace tn ON tn.oid = tc.relnamespace"
                + " JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass"
                + " AND d.deptype = 'a' LIMIT 1";
        String sql = "SELECT " + QNAME + ", format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin,"
                + " s.seqmax, s.seqcache, s.seqcycle, (" + ownedBy + "), " + OWNER.formatted("c.relowner")
                + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + relationFilter()
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                + "  AND d.objid = c.oid AND d.deptype = 'i')";
        catalog.query(sql, rows -> {
            add(new SchemaObject.Builder("sequence", "sequence " + rows.getString(1), null)
                    .with("type", rows.getString(2))
                    .with("start", rows.getLong(3))
                    .with("increment", rows.getLong(4))
                    .with("minimum", rows.getLong(5))
                    .with("maximum", rows.getLong(6))
                    .with("cache", rows.getLong(7))
                    .flag("cycle", rows.getBoolean(8), "CYCLE", "NO CYCLE")
                    .with("owned by", rows.getString(9))
                    .with("owner", rows.getString(10)));
            return null;
        });
    }

    private void tables() {
        String parent = "SELECT quote_ident(pn.nspname) || '.' || quote_ident(p.relname) FROM pg_inherits i"
                + " JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                + " WHERE i.inhrelid = c.oid";
        String sql = "SELECT " + QNAME + ", c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity,"
                + " array_to_string(c.reloptions, ', '),"
                + " CASE WHEN c.relispartition THEN (" + parent + " LIMIT 1) || ' '"
                + "  || pg_get_expr(c.relpartbound, c.oid) END,"
                + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
                + " CASE WHEN NOT c.relispartition THEN (SELECT string_agg(x, ', ')"
                + "  FROM (" + parent + ") AS parents(x)) END, " + OWNER.formatted("c.relowner")
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'f') AND " + relationFilter();
        catalog.query(sql, rows -> {
            String relkind = rows.getString(2);
            add(new SchemaObject.Builder("table", "table " + rows.getString(1), null)
                    .with("kind", switch (relkind) {
                        case "p" -> "partitioned";
                        case "f" -> "foreign";
                        default -> null;
                    })
                    .with("persistence", "u".equals(rows.getString(3)) ? "UNLOGGED" : null)
                    .flag("row-level security", rows.getBoolean(4), "enabled", "disabled")
                    .flag("force row-level security", rows.getBoolean(5), "forced", "not forced")
                    .with("options", rows.getString(6))
                    .with("partition of", rows.getString(7))
                    .with("partitioned by", rows.getString(8))
                    .with("inherits", rows.getString(9))
                    .with("owner", rows.getString(10)));
            return null;
        });
    }

    private void columns() {
        String sql = "SELECT " + QNAME + ", quote_ident(a.attname),"
                + " row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), format_type(a.atttypid, a.atttypmod),"
                + " a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated,"
                + " CASE WHEN a.attcollation <> t.typcollation THEN quote_ident(co.collname) END"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
                + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                + " WHERE c.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND " + relationFilter();
        catalog.query(sql, rows -> {
            String table = rows.getString(1);
            String identity = rows.getString(7);
            boolean generated = !rows.getString(8).isEmpty();
            String expression = rows.getString(6);
            add(new SchemaObject.Builder("column", "column " + table + "." + rows.getString(2), "table " + table)
                    .with("position", rows.getLong(3))
                    .with("type", rows.getString(4))
                    .flag("not null", rows.getBoolean(5), "NOT NULL", "nullable")
                    .with("default", generated ? null : expression)
                    .with("generated", generated ? "ALWAYS AS (" + expression + ") STORED" : null)
                    .with("identity", switch (identity) {
                        case "a" -> "GENERATED ALWAYS AS IDENTITY";
                        case "d" -> "GENERATED BY DEFAULT AS IDENTITY";
                        default -> null;
                    })
                    .with("collation", rows.getString(9)));
            return null;
        });
    }

    private void constraints() {
        String sql = "SELECT quote_ident(k.conname),"
                + " CASE WHEN k.conrelid <> 0 THEN 'table ' || " + QNAME
                + "  ELSE 'domain ' || quote_ident(tn.nspname) || '.' || quote_ident(t.typname) END,"
                + " pg_get_constraintdef(k.oid, true)"
                + " FROM pg_constraint k"
                + " LEFT JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_type t ON t.oid = k.contypid LEFT JOIN pg_namespace tn ON tn.oid = t.typnamespace"
                + " WHERE (k.conrelid <> 0 AND c.relkind IN ('r', 'p', 'f') AND " + relationFilter() + ")"
                + " OR (k.contypid <> 0 AND t.oid IN (SELECT t.oid FROM pg_type t"
                + "  JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + USER_TYPES + "))";
        catalog.query(sql, rows -> {
            String owner = rows.getString(2);
            add(new SchemaObject.Builder("constraint", "constraint " + rows.getString(1) + " on " + owner, owner)
                    .with("definition", rows.getString(3)));
            return null;
        });
    }

    private void indexes() {
        String sql = "SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname), " + RELATION_KIND + " || ' ' || "
                + QNAME + ", pg_get_indexdef(i.indexrelid)"
                + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'm') AND " + relationFilter()
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid"
                + "  AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))";
        catalog.query(sql, rows -> {
            add(new SchemaObject.Builder("index", "index " + rows.getString(1), rows.getString(2))
                    .with("definition", rows.getString(3)));
            return null;
        });
    }

    private void views() {
        String sql = "SELECT " + RELATION_KIND + ", " + QNAME + ", pg_get_viewdef(c.oid, true),"
                + " array_to_string(c.reloptions, ', '), " + OWNER.formatted("c.relowner")
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('v', 'm') AND " + relationFilter();
        catalog.query(sql, rows -> {
            String kind = rows.getString(1);
            add(new SchemaObject.Builder(kind, kind + " " + rows.getString(2), null)
                    .with("definition", rows.getString(3).strip())
                    .with("options", rows.getString(4))
                    .with("owner", rows.getString(5)));
            return null;
        });
    }

    private void functions() {
        String sql = "SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,"
                + " quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '('"
                + "  || pg_get_function_identity_arguments(p.oid) || ')',"
                + " pg_get_function_result(p.oid), l.lanname, p.provolatile, p.prosecdef, p.proleakproof,"
                + " p.proisstrict, p.proparallel, p.proconfig,"
                + " CASE WHEN p.prokind = 'a' THEN NULL"
                + "  WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(p.oid) ELSE p.prosrc END, "
                + OWNER.formatted("p.proowner")
                + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " JOIN pg_language l ON l.oid = p.prolang"
                + " WHERE " + USER_SCHEMAS + " AND " + notExtensionMember("pg_proc", "p.oid");
        catalog.query(sql, rows -> {
            String kind = rows.getString(1);
            SchemaObject.Builder function = new SchemaObject.Builder(kind, kind + " " + rows.getString(2), null)
                    .with("returns", rows.getString(3))
                    .with("language", rows.getString(4))
                    .with("volatility", switch (rows.getString(5)) {
                        case "i" -> "IMMUTABLE";
                        case "s" -> "STABLE";
                        default -> "VOLATILE";
                    })
                    .flag("security", rows.getBoolean(6), "SECURITY DEFINER", "SECURITY INVOKER")
                    .flag("leakproof", rows.getBoolean(7), "LEAKPROOF", "NOT LEAKPROOF")
                    .flag("strict", rows.getBoolean(8), "STRICT", "CALLED ON NULL INPUT")
                    .with("parallel", switch (rows.getString(9)) {
                        case "s" -> "PARALLEL SAFE";
                        case "r" -> "PARALLEL RESTRICTED";
                        default -> "PARALLEL UNSAFE";
                    });
            for (Map.Entry<String, String> setting : settings(rows).entrySet()) {
                function.with("setting " + setting.getKey(), setting.getValue());
            }
            String body = rows.getString(11);
            add(function.with("body", body == null ? null : body.strip()).with("owner", rows.getString(12)));
            return null;
        });
    }

    private static Map<String, String> settings(ResultSet rows) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        java.sql.Array config = rows.getArray(10);
        if (config != null) {
            for (Object item : (Object[]) config.getArray()) {
                String text = String.valueOf(item);
                int equals = text.indexOf('=');
                settings.put(equals < 0 ? text : text.substring(0, equals),
                        equals < 0 ? "" : text.substring(equals + 1));
            }
        }
        return settings;
    }

    private void triggers() {
        String sql = "SELECT quote_ident(t.tgname), " + RELATION_KIND + " || ' ' || " + QNAME + ","
                + " pg_get_triggerdef(t.oid, true), t.tgenabled"
                + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE NOT t.tgisinternal AND " + relationFilter();
        catalog.query(sql, rows -> {
            String on = rows.getString(2);
            add(new SchemaObject.Builder("trigger", "trigger " + rows.getString(1) + " on "
                    + on.substring(on.indexOf(' ') + 1), on)
                    .with("definition", rows.getString(3))
                    .with("enabled", enabled(rows.getString(4))));
            return null;
        });
    }

    private void eventTriggers() {
        String sql = "SELECT quote_ident(e.evtname), e.evtevent,"
                + " quote_ident(n.nspname) || '.' || quote_ident(p.proname),"
                + " array_to_string(e.evttags, ', '), e.evtenabled"
                + " FROM pg_event_trigger e JOIN pg_proc p ON p.oid = e.evtfoid"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE " + notExtensionMember("pg_event_trigger", "e.oid");
        catalog.query(sql, rows -> {
            add(new SchemaObject.Builder("event trigger", "event trigger " + rows.getString(1), null)
                    .with("event", rows.getString(2))
                    .with("function", rows.getString(3))
                    .with("tags", rows.getString(4))
                    .with("enabled", enabled(rows.getString(5))));
            return null;
        });
    }

    private static String enabled(String code) {
        return switch (code) {
            case "D" -> "disabled";
            case "R" -> "enabled for replica";
            case "A" -> "enabled always";
            default -> "enabled";
        };
    }

    private void policies() {
        String sql = "SELECT quote_ident(p.polname), " + QNAME + ", p.polpermissive,"
                + " CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'"
                + "  WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,"
                + " (SELECT string_agg(x, ', ' ORDER BY x) FROM (SELECT CASE WHEN r = 0 THEN 'PUBLIC'"
                + "  ELSE quote_ident(pg_get_userbyid(r)) END FROM unnest(p.polroles) AS r) AS roles(x)),"
                + " pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)"
                + " FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE " + relationFilter();
        catalog.query(sql, rows -> {
            String table = rows.getString(2);
            add(new SchemaObject.Builder("policy", "policy " + rows.getString(1) + " on " + table, "table " + table)
                    .flag("mode", rows.getBoolean(3), "PERMISSIVE", "RESTRICTIVE")
                    .with("command", rows.getString(4))
                    .with("roles", rows.getString(5))
                    .with("USING", rows.getString(6))
                    .with("WITH CHECK", rows.getString(7)));
            return null;
        });
    }

    /**
     * Privileges on relations, schemas, functions, types and the database. An ACL never touched (NULL) counts as its
     * default, so that a GRANT followed by a REVOKE, which leaves the default written out, equals no GRANT at all;
     * the owner's own privileges go unsaid.
     */
    private void grants() {
        String objects = "SELECT " + RELATION_KIND + " || ' ' || " + QNAME + " AS object, c.relowner AS owner,"
                + " coalesce(c.relacl, acldefault((CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END)::\"char\","
                + "  c.relowner)) AS acl"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S') AND " + relationFilter()
                + " UNION ALL SELECT 'schema ' || quote_ident(n.nspname), n.nspowner,"
                + " coalesce(n.nspacl, acldefault('n'::\"char\", n.nspowner)) FROM pg_namespace n WHERE " + USER_SCHEMAS
                + "  AND " + notExtensionMember("pg_namespace", "n.oid")
                + " UNION ALL SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate'"
                + "  ELSE 'function' END"
                + "  || ' ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '('"
                + "  || pg_get_function_identity_arguments(p.oid) || ')', p.proowner,"
                + " coalesce(p.proacl, acldefault('f'::\"char\", p.proowner)) FROM pg_proc p"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_SCHEMAS
                + "  AND " + notExtensionMember("pg_proc", "p.oid")
                + " UNION ALL SELECT " + TYPE_KIND + " || ' ' || quote_ident(n.nspname) || '.'"
                + "  || quote_ident(t.typname),"
                + " t.typowner, coalesce(t.typacl, acldefault('T'::\"char\", t.typowner)) FROM pg_type t"
                + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + USER_TYPES
                + " UNION ALL SELECT 'database', d.datdba, coalesce(d.datacl, acldefault('d'::\"char\", d.datdba))"
                + " FROM pg_database d WHERE d.datname = current_database()";
        String sql = "SELECT o.object, " + GRANTEE + ", x.privilege_type, bool_or(x.is_grantable)"
                + " FROM (" + objects + ") AS o, aclexplode(o.acl) AS x WHERE x.grantee <> o.owner"
                + " GROUP BY 1, 2, 3";
        catalog.query(sql, rows -> {
            String object = rows.getString(1);
            String on = object.equals("database") ? "the database" : object;
            add(new SchemaObject.Builder("grant", "grant " + rows.getString(3) + " on " + on + " to "
                    + rows.getString(2), object.equals("database") || isExcludedSchema(object) ? null : object)
                    .with("grant option", rows.getBoolean(4) ? "WITH GRANT OPTION" : null));
            return null;
        });
    }

    private boolean isExcludedSchema(String object) {
        return object.startsWith("schema ") && exclusions.schemas().stream()
                .anyMatch(schema -> object.equals("schema " + Identifiers.quote(schema)));
    }

    private void columnGrants() {
        String sql = "SELECT " + QNAME + ", quote_ident(a.attname), " + GRANTEE + ", x.privilege_type,"
                + " bool_or(x.is_grantable)"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(a.attacl) AS x"
                + " WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped"
                + " AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND " + relationFilter()
                + " GROUP BY c.relkind, 1, 2, 3, 4";
        catalog.query(sql, rows -> {
            String table = rows.getString(1);
            String column = rows.getString(2);
            add(new SchemaObject.Builder("grant", "grant " + rows.getString(4) + " (" + column + ") on table " + table
                    + " to " + rows.getString(3), "column " + table + "." + column)
                    .with("grant option", rows.getBoolean(5) ? "WITH GRANT OPTION" : null));
            return null;
        });
    }

    /** {@code ALTER DEFAULT PRIVILEGES}: one object per entry, with every privilege it gives, the owner's included. */
    private void defaultPrivileges() {
        String sql = "SELECT CASE WHEN d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = session_user)"
                + "  THEN 'the migrating user' ELSE quote_ident(pg_get_userbyid(d.defaclrole)) END,"
                + " quote_ident(n.nspname),"
                + " CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'"
                + "  WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas' ELSE d.defaclobjtype::text END,"
                + " (SELECT string_agg(privilege, ', ' ORDER BY privilege) FROM (SELECT x.privilege_type || ' to '"
                + "  || CASE WHEN x.grantee = 0 THEN 'PUBLIC' WHEN x.grantee = d.defaclrole THEN 'the owner'"
                + "  ELSE quote_ident(pg_get_userbyid(x.grantee)) END"
                + "  || CASE WHEN x.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END AS privilege"
                + "  FROM aclexplode(d.defaclacl) AS x) AS privileges)"
                + " FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace";
        catalog.query(sql, rows -> {
            String schema = rows.getString(2);
            add(new SchemaObject.Builder("default privileges", "default privileges on " + rows.getString(3)
                    + " created by " + rows.getString(1) + (schema == null ? "" : " in schema " + schema), null)
                    .with("privileges", rows.getString(4)));
            return null;
        });
    }
}
