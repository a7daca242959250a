package io.rlstestkit.internal.tenant;

import io.rlstestkit.internal.catalog.AuditCatalog;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.ForeignKeyInfo;
import io.rlstestkit.internal.catalog.PolicyInfo;
import io.rlstestkit.internal.catalog.TableInfo;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Which tables hold tenants' rows, and by which column; the others are shared by all tenants. A table is a tenant
 * table when it has its configured tenant column; or when its policies compare a column with the tenant's identity
 * (the tenant setting or a JWT claim, directly or through a function that reads one, such as
 * {@code has_role_on_account(account_id)} or {@code team_id = ANY (user_team_ids())}); or when its policies reach a
 * tenant table through one of its foreign keys ({@code EXISTS (SELECT 1 FROM invoices WHERE invoices.id =
 * invoice_lines.invoice_id)}). Reads only catalog facts and the configuration: the policy audit and the deny matrix
 * both ask it.
 */
@API(status = INTERNAL)
public final class TenantTables {

    /** How a table's tenant was found. */
    public enum Source {
        /** It has the configured tenant column. */
        CONFIGURED,
        /** Its policies compare the column with the tenant's identity. */
        POLICY,
        /** Its policies reach a tenant table through the column's foreign key. */
        FOREIGN_KEY,
        /** Nothing ties its rows to a tenant: shared by all tenants. */
        SHARED
    }

    /**
     * What is known of one table.
     *
     * @param table   the table
     * @param column  the column that tells its tenants' rows apart, or {@code null} for a shared table
     * @param source  how it was found
     * @param columns every column that ties a row to a tenant: the configured one, and those its policies compare
     *                with the tenant's identity (owner columns such as {@code user_id} included)
     * @param parent  for {@link Source#FOREIGN_KEY}, the tenant table it reaches, else {@code null}
     * @param policy  for {@link Source#POLICY}, the policy the column was read from, else {@code null}
     */
    public record TenantTable(TableInfo table, String column, Source source, Set<String> columns, TableInfo parent,
                              String policy) {

        /** What is known of a table whose column was not read from a policy. */
        public TenantTable(TableInfo table, String column, Source source, Set<String> columns, TableInfo parent) {
            this(table, column, source, columns, parent, null);
        }

        /** Whether its rows belong to tenants. */
        public boolean tenant() {
            return source != Source.SHARED;
        }
    }

    /** The identity functions PostgreSQL extensions and Supabase ship, which read the JWT claims. */
    private static final Set<String> CLAIM_FUNCTIONS = Set.of("auth.uid", "auth.jwt", "auth.email");

    /** Supabase's function that reads the JWT's role, the same for every user: not an identity. */
    private static final Set<String> NOT_IDENTITY = Set.of("auth.role");

    private final Map<TableInfo, TenantTable> tables;
    private final Set<String> identitySettings;
    private final Set<String> identityFunctions;

    private TenantTables(Map<TableInfo, TenantTable> tables, Set<String> identitySettings,
                         Set<String> identityFunctions) {
        this.tables = tables;
        this.identitySettings = identitySettings;
        this.identityFunctions = identityFunctions;
    }

    /**
     * Reads which tables are tenant tables.
     *
     * @param catalog          the catalog, as the owner sees it
     * @param configuredColumn the configured tenant column of a table, by schema and name
     * @param identitySettings the settings that carry the tenant's identity (the scopes' tenant settings and claims)
     */
    public static TenantTables read(Catalog catalog, BiFunction<String, String, String> configuredColumn,
                                    Set<String> identitySettings) {
        AuditCatalog more = new AuditCatalog(catalog);
        Map<String, List<PolicyInfo>> policies = new LinkedHashMap<>();
        for (PolicyInfo policy : catalog.allPolicies()) {
            policies.computeIfAbsent(policy.table(), key -> new ArrayList<>()).add(policy);
        }
        return of(more.tables(), policies, more.foreignKeys(), more.functionsCalledByPolicies(), configuredColumn,
                identitySettings);
    }

    /**
     * Decides from facts already read.
     *
     * @param tables           every table with its columns
     * @param policies         the policies, by schema-qualified table
     * @param keys             the foreign keys
     * @param functions        the functions policies call, by signature ({@code public.f(uuid)}), with their source
     * @param configuredColumn the configured tenant column of a table, by schema and name
     * @param identitySettings the settings that carry the tenant's identity
     */
    public static TenantTables of(Map<TableInfo, List<String>> tables, Map<String, List<PolicyInfo>> policies,
                                  List<ForeignKeyInfo> keys, Map<String, String> functions,
                                  BiFunction<String, String, String> configuredColumn, Set<String> identitySettings) {
        Set<String> identity = new LinkedHashSet<>(identitySettings);
        Set<String> identityFunctions = identityFunctions(functions, identity);
        TenantTables reader = new TenantTables(new LinkedHashMap<>(), identity, identityFunctions);
        Map<TableInfo, TenantTable> found = reader.tables;
        for (Map.Entry<TableInfo, List<String>> entry : tables.entrySet()) {
            TableInfo table = entry.getKey();
            List<String> columns = entry.getValue();
            String configured = configuredColumn.apply(table.schema(), table.name());
            Set<String> compared = new LinkedHashSet<>();
            int strongest = 0;
            String chosen = null;
            String readFrom = null;
            for (PolicyInfo policy : policies.getOrDefault(table.displayName(), List.of())) {
                for (String expression : new String[] {policy.using(), policy.withCheck()}) {
                    for (String column : reader.identityColumns(table, columns, expression)) {
                        compared.add(column);
                        int strength = reader.strength(table, column, expression);
                        if (strength > strongest) {
                            strongest = strength;
                            chosen = column;
                            readFrom = policy.name();
                        }
                    }
                }
            }
            Set<String> all = new LinkedHashSet<>();
            if (columns.contains(configured)) {
                all.add(configured);
            }
            all.addAll(compared);
            if (columns.contains(configured)) {
                found.put(table, new TenantTable(table, configured, Source.CONFIGURED, all, null));
            } else if (!compared.isEmpty()) {
                found.put(table, new TenantTable(table, chosen, Source.POLICY, all, null, readFrom));
            } else {
                found.put(table, new TenantTable(table, null, Source.SHARED, Set.of(), null));
            }
        }
        for (ForeignKeyInfo key : keys) {
            TenantTable child = found.get(key.table());
            TenantTable parent = found.get(key.parent());
            if (child != null && parent != null && child.source() == Source.POLICY && key.columns().size() == 1
                    && key.columns().get(0).equals(child.column()) && key.table().oid() != key.parent().oid()
                    && (parent.source() == Source.POLICY || parent.source() == Source.CONFIGURED)
                    && !key.parentColumns().get(0).equals(parent.column())
                    && readsInSubquery(policies.getOrDefault(key.table().displayName(), List.of()), child.policy(),
                    key.parent())) {
                // compared with the identity only through a subquery on the parent it references, the column holds
                // the parent's key, not the tenant's id (EXISTS (SELECT 1 FROM issues i WHERE i.id = items.issue_id
                // AND i.workspace_id = ...)): the table reaches its tenant through that parent
                found.put(key.table(), new TenantTable(key.table(), child.column(), Source.FOREIGN_KEY,
                        Set.of(child.column()), key.parent()));
            }
        }
        boolean more = true;
        while (more) {
            more = false;
            for (ForeignKeyInfo key : keys) {
                TenantTable child = found.get(key.table());
                TenantTable parent = found.get(key.parent());
                if (child == null || parent == null || child.tenant() || !parent.tenant()
                        || key.table().oid() == key.parent().oid()) {
                    continue;
                }
                String column = key.columns().get(0);
                Pattern mentions = mentions(key.parent());
                for (PolicyInfo policy : policies.getOrDefault(key.table().displayName(), List.of())) {
                    Set<String> reached = new LinkedHashSet<>();
                    for (String expression : new String[] {policy.using(), policy.withCheck()}) {
                        reached.addAll(PolicyExpression.of(expression).columnsComparedWith(key.table().name(),
                                key.columns(), group -> mentions.matcher(group).find(), name -> false));
                    }
                    if (reached.contains(column)) {
                        found.put(key.table(), new TenantTable(key.table(), column, Source.FOREIGN_KEY,
                                Set.of(column), key.parent()));
                        more = true;
                        break;
                    }
                }
            }
        }
        return reader;
    }

    /** Whether a table's policy of that name reads a table in a subquery ({@code FROM} or {@code JOIN} it). */
    private static boolean readsInSubquery(List<PolicyInfo> policies, String name, TableInfo table) {
        Pattern reads = Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+(?:\"?" + Pattern.quote(table.schema()) + "\"?\\.)?(?:\""
                + Pattern.quote(table.name()) + "\"|" + Pattern.quote(table.name()) + "(?![\\w$\"]))");
        return policies.stream().filter(policy -> policy.name().equals(name)).anyMatch(policy -> Stream.of(
                policy.using(), policy.withCheck()).anyMatch(text -> text != null && reads.matcher(text).find()));
    }

    private static Set<String> identityFunctions(Map<String, String> functions, Set<String> identitySettings) {
        return identityFunctions(functions, identitySettings, CLAIM_FUNCTIONS);
    }

    private static Set<String> identityFunctions(Map<String, String> functions, Set<String> identitySettings,
                                                 Set<String> known) {
        Set<String> names = new LinkedHashSet<>(known);
        boolean more = true;
        while (more) {
            more = false;
            for (Map.Entry<String, String> function : functions.entrySet()) {
                String name = function.getKey().substring(0, function.getKey().indexOf('('));
                if (!names.contains(name) && !NOT_IDENTITY.contains(name)
                        && readsIdentity(function.getValue(), identitySettings, names)) {
                    names.add(name);
                    more = true;
                }
            }
        }
        return names;
    }

    /**
     * How strongly an expression ties a column, one of those it compares with the tenant's identity, to the tenant: 3
     * where it compares the column with a tenant setting itself, 2 with a claim or a function that reads one, 1 where
     * it passes the column to such a function. The tenant column of a table is the strongest, the first on a tie.
     */
    private int strength(TableInfo table, String column, String expression) {
        PolicyExpression parsed = PolicyExpression.of(expression);
        List<String> one = List.of(column);
        if (!parsed.columnsComparedWith(table.name(), one, text -> PolicyExpression.settingsRead(text).stream()
                .anyMatch(identitySettings::contains), name -> false).isEmpty()) {
            return 3;
        }
        return parsed.columnsComparedWith(table.name(), one, this::readsIdentity, name -> false).isEmpty() ? 1 : 2;
    }

    /** Every table, tenant or shared, in catalog order. */
    public List<TenantTable> all() {
        return List.copyOf(tables.values());
    }

    /** What is known of a table; a table the catalog did not list is shared. */
    public TenantTable of(TableInfo table) {
        return Optional.ofNullable(tables.get(table))
                .orElse(new TenantTable(table, null, Source.SHARED, Set.of(), null));
    }

    /** Whether a piece of SQL reads the tenant's identity: a tenant setting, a claim, or a function that reads one. */
    public boolean readsIdentity(String text) {
        return readsIdentity(text, identitySettings, identityFunctions);
    }

    /**
     * Whether pieces of SQL read the tenant's identity, counting as identity functions, besides those policies call,
     * the given functions that read it, directly or through one another (a guard such as
     * {@code current_user_account_role(account_id)} that a SECURITY DEFINER function calls).
     *
     * @param functions functions by signature ({@code public.f(uuid)}), with their source
     */
    public Predicate<String> identityReader(Map<String, String> functions) {
        Set<String> names = identityFunctions(functions, identitySettings, identityFunctions);
        return text -> readsIdentity(text, identitySettings, names);
    }

    /** Whether a function, by the name a policy calls it with, reads the tenant's identity. */
    public boolean identityFunction(String calledAs) {
        return isIdentityFunction(calledAs, identityFunctions);
    }

    /** The columns of a table that an expression compares with the tenant's identity. */
    public Set<String> identityColumns(TableInfo table, List<String> columns, String expression) {
        return PolicyExpression.of(expression).columnsComparedWith(table.name(), columns, this::readsIdentity,
                this::identityFunction);
    }

    /**
     * The columns that tie a row to its tenant which an expression constrains: compared with the tenant's identity, or,
     * for a table that reaches its tenant by a foreign key, that key's column compared with the parent table.
     */
    public Set<String> constrainedColumns(TableInfo table, List<String> columns, String expression) {
        Set<String> found = new LinkedHashSet<>(identityColumns(table, columns, expression));
        TenantTable known = of(table);
        if (known.source() == Source.FOREIGN_KEY) {
            found.addAll(PolicyExpression.of(expression).columnsComparedWith(table.name(), List.of(known.column()),
                    group -> mentions(known.parent()).matcher(group).find(), name -> false));
        }
        return found;
    }

    /** Whether an expression reads, in a subquery, a tenant table other than the given one. */
    public boolean readsTenantTable(String expression, TableInfo except) {
        return tables.values().stream().filter(TenantTable::tenant).map(TenantTable::table)
                .filter(table -> table.oid() != except.oid()).anyMatch(table -> readsTable(expression, table));
    }

    /**
     * Whether an expression reads a table in a subquery ({@code FROM} or {@code JOIN}), named as PostgreSQL prints it:
     * bare or quoted ({@code FROM "Billing"."Line Item"}), with or without its schema.
     */
    public static boolean readsTable(String expression, TableInfo table) {
        return expression != null && Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+(?:\"?" + Pattern.quote(table.schema())
                + "\"?\\.)?\"?" + Pattern.quote(table.name()) + "\"?(?![\\w$\"])").matcher(expression).find();
    }

    private static Pattern mentions(TableInfo table) {
        return Pattern.compile("(?<![\\w$])(?:" + Pattern.quote(table.schema()) + "\\.)?"
                + Pattern.quote(table.name()) + "(?![\\w$(])");
    }

    private static boolean readsIdentity(String text, Set<String> settings, Set<String> functions) {
        if (text == null) {
            return false;
        }
        for (String setting : PolicyExpression.settingsRead(text)) {
            if (settings.contains(setting) && !setting.equals("request.jwt.claim.role")
                    || setting.equals("request.jwt.claims") || setting.equals("request.jwt.claim.sub")) {
                return true;
            }
        }
        for (String call : PolicyExpression.calls(text)) {
            if (isIdentityFunction(call, functions)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIdentityFunction(String calledAs, Set<String> functions) {
        String name = calledAs.toLowerCase(Locale.ROOT);
        return functions.contains(name) || !name.contains(".")
                && functions.stream().anyMatch(function -> function.endsWith("." + name));
    }
}
