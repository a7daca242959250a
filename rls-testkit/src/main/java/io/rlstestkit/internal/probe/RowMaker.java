package io.rlstestkit.internal.probe;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.ColumnInfo;
import io.rlstestkit.internal.catalog.ForeignKeyInfo;
import io.rlstestkit.internal.catalog.Identifiers;
import io.rlstestkit.internal.catalog.PolicyInfo;
import io.rlstestkit.internal.catalog.RoleInfo;
import io.rlstestkit.internal.catalog.RowCatalog;
import io.rlstestkit.internal.catalog.TableInfo;
import org.apiguardian.api.API;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Makes a row of a table from the catalog, for a tenant: the tenant column; the template's values; foreign keys
 * pointing to the inserting tenant's own rows (to the row's tenant's, where the key includes the tenant column);
 * and a value of its type for every other NOT NULL column without a default. Where a constraint refuses the row,
 * {@link #adjust(String)} moves on to the next candidate values of the columns the constraint reads.
 */
@API(status = INTERNAL)
public final class RowMaker {

    private static final Pattern QUOTED_LITERAL = Pattern.compile("'((?:[^']|'')*)'::");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.'])(-?\\d+(?:\\.\\d+)?)(?![\\w.'])");
    private static final int UNIQUE_CANDIDATES = 8;

    private final Catalog catalog;
    private final RowCatalog rows;
    private final TableInfo table;
    private final String tenantColumn;
    private final List<ColumnInfo> columns;
    private final List<ForeignKeyInfo> keys;
    private final Map<String, ?> template;
    private final Function<TableInfo, String> tenantColumnOf;
    private final Map<String, List<String>> constraints;
    private final Map<String, List<String>> candidates = new LinkedHashMap<>();
    private final Map<String, Integer> choice = new LinkedHashMap<>();
    /** By foreign key: which of the parent rows found it references, and how many were found the last time. */
    private final Map<String, Integer> referenceChoice = new LinkedHashMap<>();
    private final Map<String, Integer> referenceRows = new LinkedHashMap<>();
    /** The deferrable self-references of the last row whose first row points at a placeholder. */
    private final Map<ForeignKeyInfo, Integer> selfReferences = new LinkedHashMap<>();
    /** The columns whose values are tried where a policy refuses the row, in the order they are turned. */
    private List<String> policyColumns;
    private final List<String> policyTried = new ArrayList<>();

    public RowMaker(Catalog catalog, TableInfo table, String tenantColumn, List<ForeignKeyInfo> keys, Map<String, ?> template,
             Function<TableInfo, String> tenantColumnOf) {
        this.catalog = catalog;
        this.rows = new RowCatalog(catalog);
        this.table = table;
        this.tenantColumn = tenantColumn;
        this.columns = catalog.columns(table);
        this.keys = keys;
        this.template = template;
        this.tenantColumnOf = tenantColumnOf;
        this.constraints = rows.constraintColumns(table);
        Set<String> fromKeys = new LinkedHashSet<>();
        for (ForeignKeyInfo key : keys) {
            if (referenced(key)) {
                fromKeys.addAll(key.columns());
            }
        }
        Map<String, List<String>> checks = rows.checks(table);
        Map<String, List<String>> labels = rows.enumLabels(table);
        for (ColumnInfo column : columns) {
            String name = column.name();
            if (name.equals(tenantColumn) || template.containsKey(name) || fromKeys.contains(name)
                    || !column.notNull() || column.hasDefault() || column.generated()) {
                continue;
            }
            List<String> values = labels.containsKey(name) ? labels.get(name)
                    : Values.candidates(column, literals(checks.getOrDefault(name, List.of())), name);
            if (values.isEmpty()) {
                throw new CannotMake("column " + name + " is NOT NULL without a default, and the matrix has no value"
                        + " of its type, " + column.type() + ", to give it");
            }
            candidates.put(name, values);
            choice.put(name, 0);
        }
    }

    /** Whether the row fills a foreign key: its columns are NOT NULL, and the template sets none of them. */
    private boolean referenced(ForeignKeyInfo key) {
        boolean required = key.columns().stream().anyMatch(name -> columns.stream()
                .anyMatch(column -> column.name().equals(name) && column.notNull() && !name.equals(tenantColumn)));
        return required && key.columns().stream().noneMatch(template::containsKey);
    }

    /**
     * A row for a tenant, inserted by a tenant.
     *
     * @param owner     the row's tenant: its tenant column
     * @param inserting the inserting tenant: whose parent rows the foreign keys point to, unless they include the
     *                  tenant column
     * @throws CannotMake where a foreign key finds no row to reference
     */
    public Row row(Tenant owner, Tenant inserting) {
        selfReferences.clear();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(tenantColumn, owner);
        for (ColumnInfo column : columns) {
            Object value = template.get(column.name());
            if (value != null || template.containsKey(column.name())) {
                values.put(column.name(), value instanceof Function<?, ?> function ? apply(function, owner) : value);
            }
        }
        for (ForeignKeyInfo key : keys) {
            if (referenced(key)) {
                reference(key, owner, inserting, values);
            }
        }
        candidates.forEach((name, list) -> values.put(name, list.get(choice.get(name))));
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (ColumnInfo column : columns) {
            if (values.containsKey(column.name())) {
                names.add(column.name());
                types.add(column.type());
                args.add(values.get(column.name()));
            }
        }
        return new Row(table, names, types, args);
    }

    @SuppressWarnings("unchecked")
    private static Object apply(Function<?, ?> function, Tenant tenant) {
        return ((Function<Tenant, ?>) function).apply(tenant);
    }

    private void reference(ForeignKeyInfo key, Tenant owner, Tenant inserting, Map<String, Object> values) {
        TableInfo parent = key.parent();
        Map<String, String> conditions = new LinkedHashMap<>();
        Tenant whose;
        if (key.columns().contains(tenantColumn)) {
            conditions.put(key.parentColumnOf(tenantColumn), String.valueOf(owner.id()));
            whose = owner;
        } else {
            String parentTenantColumn = tenantColumnOf.apply(parent);
            boolean tenantScoped = catalog.column(parent, parentTenantColumn).isPresent();
            if (tenantScoped) {
                conditions.put(parentTenantColumn, String.valueOf(inserting.id()));
            }
            whose = tenantScoped ? inserting : null;
        }
        List<List<String>> rowsFound = rows.firstRows(parent, key.parentColumns(), conditions, UNIQUE_CANDIDATES);
        if (rowsFound.isEmpty() && parent.oid() == table.oid()) {
            rowsFound = List.of(itself(key, owner, values));
        }
        if (rowsFound.isEmpty()) {
            throw new CannotMake("foreign key " + key.name() + " (" + String.join(", ", key.columns()) + ") needs a row"
                    + " of " + parent.displayName() + (whose == null ? "" : " of " + whose) + " to reference, and"
                    + " there is none: seed one, or give " + String.join(", ", key.columns()) + " in a row template");
        }
        referenceRows.put(key.name(), rowsFound.size());
        List<String> found = rowsFound.get(referenceChoice.getOrDefault(key.name(), 0) % rowsFound.size());
        for (int i = 0; i < key.columns().size(); i++) {
            String column = key.columns().get(i);
            if (!column.equals(tenantColumn) && !values.containsKey(column)) {
                values.put(column, found.get(i));
            }
        }
    }

    /**
     * The key of the row being made, for a NOT NULL foreign key to its own table that has no row to reference yet: the
     * first row references itself, so its key is taken before the INSERT (the next value of its default: a sequence,
     * {@code gen_random_uuid()}) and given to both the key and the foreign key.
     *
     * @throws CannotMake where a key column has no default to take, or is {@code GENERATED ALWAYS AS IDENTITY}
     */
    private List<String> itself(ForeignKeyInfo key, Tenant owner, Map<String, Object> values) {
        List<String> own = new ArrayList<>();
        for (String column : key.parentColumns()) {
            if (column.equals(tenantColumn)) {
                own.add(String.valueOf(owner.id()));
            } else if (values.containsKey(column)) {
                own.add(String.valueOf(values.get(column)));
            } else if (rows.nextDefault(table, column).isEmpty() && rows.deferrable(table, key.name())) {
                // a deferrable key is checked at COMMIT, which the test's transaction never reaches: the row points at
                // a placeholder, and at itself once it is in (see selfReferences)
                String placeholder = Values.candidates(columns.stream().filter(c -> c.name().equals(column))
                        .findFirst().orElseThrow(), List.of(), column).get(0);
                selfReferences.put(key, own.size());
                own.add(placeholder);
            } else {
                String value = rows.nextDefault(table, column).orElseThrow(() -> new CannotMake("foreign key "
                        + key.name() + " (" + String.join(", ", key.columns()) + ") references " + table.displayName()
                        + " itself and may not be NULL, so its first row must reference itself, and the matrix cannot"
                        + " know that row's " + column + " before the INSERT: it has no default to take, or is"
                        + " GENERATED ALWAYS AS IDENTITY, which an INSERT may not set. Seed the first row, or give "
                        + column + " and " + String.join(", ", key.columns()) + " in a row template"));
                values.put(column, value);
                own.add(value);
            }
        }
        return own;
    }

    /**
     * The statement that points the last row made at itself where a deferrable NOT NULL self-reference made it point at
     * a placeholder ({@code UPDATE t SET parent_id = id WHERE parent_id = ?}, the placeholder's values as arguments);
     * empty where there is none.
     */
    public Optional<Update> selfReference(Row made) {
        if (selfReferences.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder set = new StringBuilder();
        StringBuilder where = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (ForeignKeyInfo key : selfReferences.keySet()) {
            for (int i = 0; i < key.columns().size(); i++) {
                String column = key.columns().get(i);
                if (!key.parentColumns().get(i).equals(column)) {
                    set.append(set.length() == 0 ? "" : ", ").append(Identifiers.quote(column)).append(" = ")
                            .append(Identifiers.quote(key.parentColumns().get(i)));
                }
                int index = made.columns().indexOf(column);
                where.append(where.length() == 0 ? "" : " AND ").append(Identifiers.quote(column)).append(" = ?::")
                        .append(made.types().get(index));
                args.add(made.values().get(index));
            }
        }
        return Optional.of(new Update("UPDATE " + table.qualifiedName() + " SET " + set + " WHERE " + where,
                args.toArray()));
    }

    /** An UPDATE and its arguments. */
    public record Update(String sql, Object[] args) {
    }

    /**
     * Gives a value to the columns a constraint reads that the maker left NULL (nullable, no default, no foreign key),
     * the first time it refuses the row; then moves on to the next candidate values of the columns it reads (or of a
     * column), as an odometer does;
     * past the last of them, to the next parent row of the foreign keys whose columns the constraint reads (a unique
     * key over two references, say, that the seed has paired the first parent rows in already).
     *
     * @param constraintOrColumn the constraint's name, or a column's
     * @return whether there are values left to try
     */
    public boolean adjust(String constraintOrColumn) {
        List<String> read = constraints.getOrDefault(constraintOrColumn, List.of(constraintOrColumn));
        // a CHECK may want a column the maker left NULL (a slug that only a personal account may lack): give it a value
        boolean given = false;
        Map<String, List<String>> checks = null;
        for (String name : read) {
            ColumnInfo column = columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
            if (column == null || column.notNull() || column.hasDefault() || column.generated()
                    || name.equals(tenantColumn) || template.containsKey(name) || candidates.containsKey(name)
                    || keys.stream().anyMatch(key -> key.columns().contains(name))) {
                continue;
            }
            checks = checks == null ? rows.checks(table) : checks;
            List<String> labels = rows.enumLabels(table).get(name);
            List<String> values = labels != null ? labels
                    : Values.candidates(column, literals(checks.getOrDefault(name, List.of())), name);
            if (!values.isEmpty()) {
                candidates.put(name, values);
                choice.put(name, 0);
                given = true;
            }
        }
        if (given) {
            return true;
        }
        List<String> made = read.stream()
                .filter(name -> candidates.containsKey(name) && candidates.get(name).size() > 1).toList();
        for (int i = made.size() - 1; i >= 0; i--) {
            String name = made.get(i);
            int next = choice.get(name) + 1;
            if (next < candidates.get(name).size()) {
                choice.put(name, next);
                return true;
            }
            choice.put(name, 0);
        }
        List<String> references = referencesReading(read).stream()
                .filter(name -> referenceRows.getOrDefault(name, 0) > 1).toList();
        for (int i = references.size() - 1; i >= 0; i--) {
            String name = references.get(i);
            int next = referenceChoice.getOrDefault(name, 0) + 1;
            if (next < referenceRows.get(name)) {
                referenceChoice.put(name, next);
                return true;
            }
            referenceChoice.put(name, 0);
        }
        return false;
    }

    /**
     * Where a policy refuses the row: moves on to other values of the columns the policies read, as an odometer does,
     * the values the policies compare them with first. The first call sets those values up; a column the maker left
     * to its default or to NULL gets them too.
     *
     * @param role the role that inserts, whose INSERT policies are read; {@code null} for every policy
     * @return whether there are values left to try
     */
    public boolean nextForPolicies(String role) {
        if (policyColumns == null) {
            List<String> roles = role == null ? List.of() : catalog.role(role).map(RoleInfo::memberOf)
                    .orElse(List.of(role));
            List<String> expressions = new ArrayList<>();
            for (PolicyInfo policy : catalog.policies(table)) {
                if (policy.appliesTo("INSERT") && (role == null || policy.appliesToAnyOf(roles))) {
                    expressions.add(policy.withCheck() != null ? policy.withCheck() : policy.using());
                }
            }
            Map<String, List<String>> fromPolicies = PolicyValues.of(columns, expressions);
            List<String> read = PolicyValues.mentioned(columns, expressions);
            Map<String, String> first = new LinkedHashMap<>();
            candidates.forEach((name, list) -> first.put(name, list.get(choice.get(name))));
            policyColumns = new ArrayList<>();
            for (String name : read) {
                if (name.equals(tenantColumn) || template.containsKey(name) || keys.stream().filter(this::referenced)
                        .anyMatch(key -> key.columns().contains(name))) {
                    continue;
                }
                Set<String> values = new LinkedHashSet<>(fromPolicies.getOrDefault(name, List.of()));
                values.addAll(candidates.getOrDefault(name, List.of()));
                if (values.size() > (candidates.containsKey(name) ? 1 : 0)) {
                    candidates.put(name, List.copyOf(values));
                    choice.put(name, 0);
                    policyColumns.add(name);
                }
            }
            policyTried.add(policyColumns.isEmpty() ? "the values it made first" : policyColumns.stream()
                    .map(name -> Identifiers.quote(name) + " = " + (first.containsKey(name) ? "'" + first.get(name)
                            + "'" : "its default")).collect(Collectors.joining(", ")));
            boolean same = policyColumns.stream().allMatch(name -> candidates.get(name).get(0).equals(first.get(name)));
            return !policyColumns.isEmpty() && (!same || nextPolicyValues());
        }
        policyTried.add(policyColumns.stream().map(name -> Identifiers.quote(name) + " = '"
                + candidates.get(name).get(choice.get(name)) + "'").collect(Collectors.joining(", ")));
        return nextPolicyValues();
    }

    /** Forgets the rows refused so far, for a new probe with the same maker. */
    public void forgetTried() {
        policyTried.clear();
    }

    /** The values of the columns the policies read in each row refused so far: {@code status = 'draft'}. */
    public List<String> policyValuesTried() {
        return List.copyOf(policyTried);
    }

    private boolean nextPolicyValues() {
        for (int i = policyColumns.size() - 1; i >= 0; i--) {
            String name = policyColumns.get(i);
            int next = choice.get(name) + 1;
            if (next < candidates.get(name).size()) {
                choice.put(name, next);
                return true;
            }
            choice.put(name, 0);
        }
        return false;
    }

    /** The first column the policies read that the maker fills, for a template to set; empty if none. */
    public String policyColumn() {
        return policyColumns == null || policyColumns.isEmpty() ? "" : policyColumns.get(0);
    }

    /** The foreign keys the row fills from a parent row and that have a column of these, besides the tenant's. */
    private List<String> referencesReading(List<String> columns) {
        return keys.stream().filter(this::referenced).filter(key -> key.columns().stream()
                .anyMatch(column -> !column.equals(tenantColumn) && columns.contains(column)))
                .map(ForeignKeyInfo::name).toList();
    }

    /**
     * The columns a constraint reads that the matrix filled: made up, or from a parent row (not the tenant column).
     */
    public List<String> columnsOf(String constraintOrColumn) {
        List<String> read = constraints.getOrDefault(constraintOrColumn, List.of(constraintOrColumn));
        List<String> references = referencesReading(read);
        return read.stream().filter(column -> candidates.containsKey(column) || !column.equals(tenantColumn)
                && keys.stream().anyMatch(key -> references.contains(key.name()) && key.columns().contains(column)))
                .toList();
    }

    private static List<String> literals(List<String> checks) {
        List<String> literals = new ArrayList<>();
        for (String check : checks) {
            Matcher quoted = QUOTED_LITERAL.matcher(check);
            while (quoted.find()) {
                literals.add(quoted.group(1).replace("''", "'"));
            }
            Matcher number = NUMBER.matcher(check.replaceAll("'(?:[^']|'')*'", "''"));
            while (number.find()) {
                literals.add(number.group(1));
            }
        }
        return literals;
    }

    /** A row to insert: its columns, their types and values. */
    public record Row(TableInfo table, List<String> columns, List<String> types, List<Object> values) {

        /** {@code INSERT INTO public.invoices (tenant_id, number) VALUES (?::uuid, ?::text)}. */
        public String sql() {
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.qualifiedName()).append(" (");
            StringBuilder placeholders = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(Identifiers.quote(columns.get(i)));
                placeholders.append(i == 0 ? "" : ", ").append("?::").append(types.get(i));
            }
            return sql.append(") VALUES (").append(placeholders).append(")").toString();
        }

        public Object[] args() {
            return values.toArray();
        }
    }

    /** The values the matrix tries for a column, by type; the first is tried first. */
    static final class Values {

        private Values() {
        }

        static List<String> candidates(ColumnInfo column, List<String> literals, String name) {
            String type = column.typeName();
            List<String> values = new ArrayList<>();
            switch (column.typeCategory()) {
                case "S" -> {
                    literals.stream().filter(value -> !isNumber(value)).forEach(values::add);
                    literals.stream().filter(value -> value.contains("%")).forEach(pattern -> unique("")
                            .forEach(i -> values.add(pattern.replace("%", "rls-testkit-" + i))));
                    values.addAll(column.unique() ? unique("rls-testkit-") : List.of("rls-testkit", "x"));
                    literals.stream().filter(Values::isLength).forEach(length -> values.addAll(ofLength(length)));
                }
                case "N" -> {
                    for (String literal : literals) {
                        if (isNumber(literal)) {
                            values.add(literal);
                            values.add(new java.math.BigDecimal(literal).add(java.math.BigDecimal.ONE).toPlainString());
                        }
                    }
                    values.addAll(column.unique() ? unique(type.equals("int2") ? "3" : "7770000")
                            : List.of("1", "0", "100", "-1"));
                }
                case "B" -> values.addAll(List.of("true", "false"));
                case "D" -> values.addAll(type.equals("date") ? List.of("today", "tomorrow", "yesterday")
                        : List.of("now", "tomorrow", "yesterday"));
                case "T" -> values.addAll(List.of("1 hour", "1 day"));
                case "A" -> values.addAll(List.of("{}", "{1}"));
                case "R" -> values.add("empty");
                case "V" -> values.add("1");
                case "I" -> values.add(type.equals("cidr") ? "192.0.2.0/24" : "192.0.2.1");
                default -> values.addAll(other(type, column.unique(), name));
            }
            return List.copyOf(new LinkedHashSet<>(values));
        }

        private static List<String> other(String type, boolean unique, String name) {
            return switch (type) {
                case "uuid" -> {
                    List<String> uuids = new ArrayList<>();
                    for (int i = 1; i <= UNIQUE_CANDIDATES; i++) {
                        uuids.add(UUID.nameUUIDFromBytes(("rls-testkit " + name + " " + i)
                                .getBytes(StandardCharsets.UTF_8)).toString());
                    }
                    yield uuids;
                }
                case "json", "jsonb" -> unique ? unique("").stream().map(i -> "{\"rls-testkit\": " + i + "}").toList()
                        : List.of("{}");
                case "bytea" -> unique("\\x0");
                case "xml" -> List.of("<rls-testkit/>");
                case "macaddr" -> List.of("08:00:2b:01:02:03");
                case "tsvector" -> List.of("rls");
                case "point" -> List.of("(0,0)");
                default -> List.of();
            };
        }

        private static List<String> unique(String prefix) {
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= UNIQUE_CANDIDATES; i++) {
                values.add(prefix + i);
            }
            return values;
        }

        /** Whether a literal of a CHECK may be a length: a whole number from 1 to 64. */
        private static boolean isLength(String value) {
            return value.matches("[1-9]\\d?") && Integer.parseInt(value) <= 64;
        }

        /** Texts of that length, distinct where it allows: {@code rls-testkit} cut or repeated, from four offsets. */
        private static List<String> ofLength(String length) {
            List<String> texts = new ArrayList<>();
            for (int offset = 0; offset < 4; offset++) {
                texts.add("rls-testkit-".repeat(7).substring(offset, offset + Integer.parseInt(length)));
            }
            return texts;
        }

        private static boolean isNumber(String value) {
            return NUMBER.matcher(value).matches();
        }
    }

    /** The matrix cannot make a row of the table; the message says why. */
    public static final class CannotMake extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CannotMake(String reason) {
            super(reason);
        }
    }
}
