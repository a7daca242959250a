package io.rlstestkit.internal.matrix;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.catalog.AuditCatalog;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.ColumnInfo;
import io.rlstestkit.internal.catalog.ForeignKeyInfo;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.environment.PresetTables;
import io.rlstestkit.internal.environment.TestRun;
import io.rlstestkit.internal.probe.InsertProbe;
import io.rlstestkit.internal.probe.Outcomes;
import io.rlstestkit.internal.probe.RowMaker;
import io.rlstestkit.internal.probe.TableCheck;
import io.rlstestkit.internal.probe.TableProbe;
import io.rlstestkit.internal.report.Proof;
import io.rlstestkit.internal.report.ProofLog;
import io.rlstestkit.internal.scope.ScopedSession;
import io.rlstestkit.internal.scope.TestTransaction;
import io.rlstestkit.internal.tenant.TenantTables;
import org.apiguardian.api.API;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * What the deny matrix probes, and the probes themselves: a tree of named checks, each of which returns its failure
 * message or {@code null}. It knows no test framework; the face turns the tree into dynamic tests, which run in the
 * factory's test run, whose transaction lives until they have all run.
 */
@API(status = INTERNAL)
public final class Matrix {

    private static final List<String> COMMANDS = List.of("SELECT", "INSERT", "UPDATE", "DELETE");
    private static final String TRUNCATE = "TRUNCATE";
    /** The command each cross-tenant probe runs, and its check, as the proof log records them. */
    private static final String[] ATTACH = {"INSERT", Proof.ATTACH};
    private static final String[] ATTACH_UPDATE = {"UPDATE", Proof.ATTACH};
    private static final String[] MOVE = {"UPDATE", Proof.MOVE};
    private static final String[] TRUNCATE_CHECK = {TRUNCATE, Proof.TRUNCATE};
    private static final String[] LIFT = {"SELECT", Proof.LIFT};

    private final TestRun run;
    private final Set<String> excluded = new LinkedHashSet<>();
    private final Map<String, Set<String>> excludedCommands = new LinkedHashMap<>();
    private final Map<String, Map<String, ?>> templates = new LinkedHashMap<>();
    private TenantColumns tenantColumns;
    private RowSynthesizer synthesizer;
    private Map<String, String> policyFunctions = Map.of();

    public Matrix(TestRun run) {
        this.run = run;
    }

    /** Leaves tables out of the matrix. */
    public void excluding(String... tables) {
        for (String table : tables) {
            excluded.add(table);
        }
    }

    /** Leaves one command of one table out of the matrix. */
    public void excludingCommand(String table, String command) {
        String upper = command == null ? "" : command.strip().toUpperCase(Locale.ROOT);
        if (!COMMANDS.contains(upper) && !upper.equals(TRUNCATE)) {
            List<String> all = new ArrayList<>(COMMANDS);
            all.add(TRUNCATE);
            throw new IllegalArgumentException("Expecting a command of the deny matrix, one of " + all
                    + ", but got \"" + command + "\".");
        }
        excludedCommands.computeIfAbsent(table, key -> new LinkedHashSet<>()).add(upper);
    }

    /** A template for the rows the matrix inserts into a table. */
    public void withRow(String table, Map<String, ?> template) {
        templates.put(table, Map.copyOf(template));
    }

    /** The checks: one container per table, in schema and name order, and a failing check per misconfiguration. */
    public List<MatrixNode> nodes() {
        Map<TableInfo, List<String>> tables;
        List<ForeignKeyInfo> keys;
        TenantColumns tenantColumns;
        Catalog catalog;
        Map<TableInfo, String> expressions;
        try {
            catalog = run.transaction().ownerCatalog(run.scopes().owner());
            AuditCatalog more = new AuditCatalog(catalog);
            tables = new LinkedHashMap<>(more.tables());
            // tables whose tenant is an expression are probed by it, not by a column
            expressions = ExpressionTables.of(tables.keySet(), run);
            tables.keySet().removeAll(expressions.keySet());
            keys = more.foreignKeys();
            policyFunctions = more.functionsCalledByPolicies();
            tenantColumns = new TenantColumns(TenantTables.read(catalog, (schema, name) -> run.tenantColumnOf(schema,
                    name), identitySettings()));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the tables of the deny matrix: " + e.getMessage(), e);
        }
        this.tenantColumns = tenantColumns;
        List<Tenant> all = run.environment().tenants().all();
        Map<TableInfo, String> unfit = new LinkedHashMap<>();
        for (TableInfo table : tables.keySet()) {
            TenantTables.TenantTable known = tenantColumns.known(table);
            if (known.source() == TenantTables.Source.POLICY && !fits(catalog, table, known.column(), all)) {
                // a column the policies compare through a membership subquery may hold another table's key
                Optional<String> other = known.columns().stream().filter(column -> !column.equals(known.column())
                        && fits(catalog, table, column, all)).findFirst();
                tenantColumns.instead(table, other);
                if (other.isEmpty()) {
                    unfit.put(table, known.column());
                }
            }
        }
        tables.keySet().forEach(table -> tenantColumns.policy(table).flatMap(policy -> tenantColumns.of(table))
                .ifPresent(column -> run.useTenantColumn(table.schema(), table.name(), column)));
        List<MatrixNode> nodes = new ArrayList<>();
        List<Tenant> tenants = run.environment().tenants().all();
        if (tenants.size() < 2) {
            nodes.add(failing("deny matrix: needs two tenants", "\nExpecting at least two tenants for the deny"
                    + " matrix, but there " + (tenants.size() == 1 ? "is one: " + tenants.get(0).key() : "are none")
                    + ". Seed two: @RlsTest(tenants = {\"a\", \"b\"})."));
        }
        boolean supabase = run.environment().configuration().supabase();
        List<TableInfo> coverable = tables.keySet().stream().filter(table -> tenantColumns.of(table).isPresent())
                .toList();
        List<TableInfo> sharable = tables.keySet().stream().filter(table -> table.rlsEnabled()
                && tenantColumns.known(table).source() == TenantTables.Source.SHARED).toList();
        List<TableInfo> reached = tables.keySet().stream().filter(table -> !PresetTables.leftOut(supabase, table,
                catalog) && tenantColumns.known(table).source() == TenantTables.Source.FOREIGN_KEY).toList();
        List<TableInfo> covered = coverable.stream()
                .filter(table -> !PresetTables.leftOut(supabase, table, catalog)).toList();
        List<TableInfo> shared = sharable.stream()
                .filter(table -> !PresetTables.leftOut(supabase, table, catalog)).toList();
        unfit.forEach((table, column) -> {
            if (!PresetTables.leftOut(supabase, table, catalog)
                    && excluded.stream().noneMatch(name -> matches(name, table))) {
                String type = catalog.column(table, column).map(ColumnInfo::type).orElse("?");
                nodes.add(MatrixNode.container(label(table), List.of(failing(label(table) + ": cannot be covered",
                        "\nExpecting the deny matrix to tell the tenants' rows of " + table.displayName() + " apart by "
                        + column + ", the column its policy " + tenantColumns.known(table).policy() + " compares"
                        + " with the tenant's identity, but " + column + " is " + type + ", which cannot hold the"
                        + " tenants' ids (" + all.stream().map(tenant -> String.valueOf(tenant.id()))
                        .collect(Collectors.joining(", ")) + "): the policy reaches the tenant through another"
                        + " table (a membership table that maps tenants to " + column + ").\nGive the table's tenant"
                        + " column where it has one (tenantColumn(\"" + table.name() + "\", \"...\")), or leave it"
                        + " out: excluding(\"" + table.name() + "\")."))));
            }
        });
        for (String name : names()) {
            // excluding a preset table that is left out anyway is allowed: it was needed before it was left out
            if (coverable.stream().noneMatch(table -> matches(name, table))
                    && sharable.stream().noneMatch(table -> matches(name, table))
                    && reached.stream().noneMatch(table -> matches(name, table))
                    && unfit.keySet().stream().noneMatch(table -> matches(name, table))
                    && expressions.keySet().stream().noneMatch(table -> matches(name, table))) {
                nodes.add(failing(name + ": no such table", "\nExpecting " + name + ", which the deny matrix is"
                        + " told to exclude or to give a row template, to be a table it covers (one with row-level"
                        + " security or the tenant column), but none is. Tables it covers: " + covered.stream()
                        .map(TableInfo::displayName).collect(Collectors.joining(", ")) + "."));
            }
        }
        for (String name : run.configuredTenantExpressions()) {
            if (expressions.keySet().stream().noneMatch(table -> matches(name, table))) {
                nodes.add(failing(name + ": a tenant expression for no table", "\nExpecting " + name + ", which the"
                        + " configuration gives a tenant expression (tenantExpression), to be a table, but none is, so"
                        + " the expression is used nowhere. Tables with row-level security: " + Stream.concat(
                        tables.keySet().stream(), expressions.keySet().stream()).filter(TableInfo::rlsEnabled)
                        .sorted(Comparator.comparing(TableInfo::displayName)).map(TableInfo::displayName)
                        .collect(Collectors.joining(", ")) + ".\nName the table as the catalog does: \"table\" in"
                        + " schema public, else \"schema.table\"."));
            }
        }
        expressions.forEach((table, expression) -> templates.keySet().stream().filter(name -> matches(name, table))
                .forEach(name -> nodes.add(failing(name + ": a row template the matrix cannot use", "\nExpecting"
                        + " the row template given for " + name + " (withRow) to shape the rows the matrix inserts,"
                        + " but the tenant of " + table.displayName() + " is the expression " + expression + ", and"
                        + " the matrix's INSERT check there inserts copies of the tenants' own rows instead.\nRemove"
                        + " the withRow line, and seed rows of each tenant in " + table.displayName() + "."))));
        if (tenants.size() >= 2) {
            List<TableInfo> probed = covered.stream()
                    .filter(table -> excluded.stream().noneMatch(name -> matches(name, table))).toList();
            List<TableInfo> sharedProbed = shared.stream()
                    .filter(table -> excluded.stream().noneMatch(name -> matches(name, table))).toList();
            Map<TableInfo, ParentTenants.Reached> parents;
            try {
                parents = ParentTenants.of(run, reached.stream().filter(table -> excluded.stream()
                        .noneMatch(name -> matches(name, table))).toList(), keys, tenantColumns);
                parents.values().forEach(table -> run.useTenantExpression(table.table().schema(),
                        table.table().name(), table.expression()));
                synthesizer = new RowSynthesizer(run.transaction(), run.scopes().owner(), keys, tenantColumns,
                        this::templateOf, tenant -> run.scopes().tenant(tenant).settings());
                List<TableInfo> filled = new ArrayList<>(probed);
                filled.addAll(sharedProbed);
                synthesizer.synthesize(filled, tenants);
                synthesizer.synthesizeReached(parents.values(), tenants);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not make the rows of the deny matrix: " + e.getMessage(), e);
            }
            List<MatrixNode> containers = new ArrayList<>();
            for (TableInfo table : probed) {
                containers.add(container(table, keys, tenants));
            }
            parents.values().forEach(table -> containers.add(reachedContainer(table, tenants)));
            // in schema and name order, whichever way a table's tenant is found
            List<TableInfo> order = new ArrayList<>(probed);
            order.addAll(parents.keySet());
            order.sort(Comparator.comparing(TableInfo::schema).thenComparing(TableInfo::name));
            List<TableInfo> byContainer = new ArrayList<>(probed);
            byContainer.addAll(parents.keySet());
            order.forEach(table -> nodes.add(containers.get(byContainer.indexOf(table))));
            expressions.forEach((table, expression) -> {
                if (!PresetTables.leftOut(supabase, table, catalog)
                        && excluded.stream().noneMatch(name -> matches(name, table))) {
                    nodes.add(ExpressionTables.container(run, table, expression, label(table), tenants,
                            skippedCommands(table)));
                }
            });
            if (!sharedProbed.isEmpty()) {
                nodes.add(shared(sharedProbed, tenants));
            }
            List<TableInfo> unreached = reached.stream().filter(table -> !parents.containsKey(table)
                    && excluded.stream().noneMatch(name -> matches(name, table))).toList();
            if (!unreached.isEmpty()) {
                nodes.add(MatrixNode.container("tenant tables without a tenant column, whose policies reach their"
                        + " tenant through a foreign key of several columns (not probed here; their parents are): "
                        + unreached.stream()
                        .map(table -> table.displayName() + " (" + tenantColumns.known(table).column() + " -> "
                                + tenantColumns.known(table).parent().displayName() + ")")
                        .collect(Collectors.joining(", ")), List.of()));
            }
        }
        return nodes;
    }

    /** Whether every tenant's id can be cast to the type of a table's column. */
    private boolean fits(Catalog catalog, TableInfo table, String column, List<Tenant> tenants) {
        String type = catalog.column(table, column).map(ColumnInfo::type).orElse(null);
        if (type == null) {
            return false;
        }
        try {
            TestTransaction transaction = run.transaction();
            return transaction.isolated(connection -> {
                transaction.activate(run.scopes().owner());
                return tenants.stream().noneMatch(tenant -> Outcomes.run(connection, "SELECT ?::text::" + type,
                        String.valueOf(tenant.id())).failed());
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the tenant column of " + table.displayName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The name of the test that one tenant cannot run a command on another's rows of a table. */
    static String commandTestName(String label, Tenant actor, String command, Tenant target) {
        return label + ": " + actor.key() + " cannot " + command + " rows "
                + (command.equals("INSERT") ? "for " : "of ") + target.key();
    }

    /**
     * The tables shared by all tenants, listed once; where a tenant role may delete from one, a test that one tenant's
     * DELETE cannot change what another reads there.
     */
    private MatrixNode shared(List<TableInfo> tables, List<Tenant> tenants) {
        List<MatrixNode> tests = new ArrayList<>();
        Catalog catalog = ownerCatalog();
        String role = run.scopes().tenant(tenants.get(0)).role();
        Tenant reader = tenants.get(0);
        Tenant actor = tenants.get(1);
        for (TableInfo table : tables) {
            if (role != null && SharedTables.mayDelete(catalog, table, role)) {
                tests.add(MatrixNode.check(label(table) + ": " + actor.key() + "'s writes cannot change what "
                        + reader.key() + " reads", () -> noted(table, actor, reader,
                        () -> SharedTables.probe(run, table, actor, reader))));
            }
        }
        return MatrixNode.container("shared by all tenants (their policies name no tenant column): "
                + tables.stream().map(TableInfo::displayName).collect(Collectors.joining(", ")), tests);
    }

    /**
     * The settings the tenants' scopes set, which the policies compare tenant columns with: the same the policy audit
     * reads tenant tables by.
     */
    private Set<String> identitySettings() {
        Set<String> settings = new LinkedHashSet<>();
        run.environment().tenants().all().forEach(tenant -> run.scopes().scopesOf(tenant)
                .forEach(scope -> settings.addAll(scope.settings().keySet())));
        return settings;
    }

    /** The settings a tenant scope sets: the tenant's own, which the policies compare tenant columns with. */
    private Set<String> tenantSettings() {
        Set<String> settings = new LinkedHashSet<>();
        run.environment().tenants().all().forEach(tenant -> settings.addAll(run.scopes().tenant(tenant).settings()
                .keySet()));
        return settings;
    }

    private Map<String, ?> templateOf(TableInfo table) {
        return templates.entrySet().stream().filter(entry -> matches(entry.getKey(), table))
                .map(Map.Entry::getValue).findFirst().orElse(Map.of());
    }

    private Set<String> names() {
        Set<String> names = new LinkedHashSet<>(excluded);
        names.addAll(excludedCommands.keySet());
        names.addAll(templates.keySet());
        return names;
    }

    private MatrixNode container(TableInfo table, List<ForeignKeyInfo> keys, List<Tenant> tenants) {
        String label = label(table);
        String tenantColumn = tenantColumns.of(table).orElseThrow();
        String found = tenantColumns.policy(table)
                .map(policy -> " (tenant column " + tenantColumn + ", read from policy " + policy + ")").orElse("");
        String failure = synthesizer.failure(table);
        if (failure != null) {
            return MatrixNode.container(label + found, List.of(failing(label + ": cannot be covered", failure)));
        }
        Set<String> skipped = skippedCommands(table);
        Inserts inserts = new Inserts(table, tenantColumn, keys, templateOf(table));
        String refused = InsertRights.refusedByDesign(ownerCatalog(), table,
                run.scopes().tenant(tenants.get(0)).role());
        List<ForeignKeyInfo> references = CrossTenantProbes.tenantReferences(table, tenantColumn, keys, tenantColumns);
        Probes probes = new Probes(table, tenantColumn);
        Map<String, List<String>> settings = CrossTenantProbes.otherSettings(ownerCatalog().policies(table),
                policyFunctions, tenantSettings());
        List<MatrixNode> tests = new ArrayList<>();
        for (Tenant actor : tenants) {
            for (Tenant target : tenants) {
                if (actor.equals(target)) {
                    continue;
                }
                for (String command : COMMANDS) {
                    if (skipped.contains(command)) {
                        continue;
                    }
                    String name = commandTestName(label, actor, command, target);
                    if (command.equals("INSERT") && refused != null) {
                        tests.add(MatrixNode.check(name + " (" + refused + ")", () -> null));
                        continue;
                    }
                    tests.add(MatrixNode.check(name, () -> check(table, command, actor, target, inserts)));
                }
                if (!references.isEmpty() && refused == null && !skipped.contains("INSERT")) {
                    tests.add(MatrixNode.check(label + ": " + actor.key() + " cannot attach rows to "
                            + target.key() + "'s parents", () -> proved(table, actor, target, ATTACH, () -> probes.get()
                            .attach(actor, target, references, inserts::maker, tenantColumns))));
                }
                if (!references.isEmpty() && !skipped.contains("UPDATE")) {
                    tests.add(MatrixNode.check(label + ": " + actor.key() + " cannot attach rows to "
                            + target.key() + "'s parents by UPDATE", () -> proved(table, actor, target, ATTACH_UPDATE,
                            () -> probes.get().attachByUpdate(actor, target, references, tenantColumns))));
                }
                if (!settings.isEmpty() && !skipped.contains("SELECT")) {
                    tests.add(MatrixNode.check(label + ": " + actor.key() + " cannot lift isolation by a"
                            + " setting", () -> proved(table, actor, target, LIFT, () -> probes.get().liftBySetting(actor,
                            target, settings))));
                }
                if (!skipped.contains("UPDATE")) {
                    tests.add(MatrixNode.check(label + ": " + actor.key() + " cannot move its rows to "
                            + target.key(), () -> proved(table, actor, target, MOVE, () -> probes.get().move(actor,
                            target))));
                }
            }
            if (skipped.contains(TRUNCATE)) {
                continue;
            }
            Tenant target = tenants.stream().filter(other -> !other.equals(actor)).findFirst().orElseThrow();
            tests.add(MatrixNode.check(label + ": " + actor.key() + " cannot TRUNCATE",
                    () -> proved(table, actor, target, TRUNCATE_CHECK, () -> probes.get().truncate(actor,
                            target))));
        }
        return MatrixNode.container(label + found, tests);
    }

    /**
     * The checks of a table that reaches its tenant through a parent: those of a table whose tenant is an expression,
     * for every ordered pair of tenants, a move under the other tenant's parent, and TRUNCATE for each tenant.
     */
    private MatrixNode reachedContainer(ParentTenants.Reached reached, List<Tenant> tenants) {
        TableInfo table = reached.table();
        String label = label(table);
        String failure = synthesizer.failure(table);
        if (failure != null) {
            return MatrixNode.container(label + " " + reached.describe(), List.of(failing(label
                    + ": cannot be covered", failure)));
        }
        Set<String> skipped = skippedCommands(table);
        List<MatrixNode> tests = new ArrayList<>();
        for (MatrixNode test : ExpressionTables.container(run, table, reached.expression(), label, tenants, skipped)
                .children()) {
            tests.add(MatrixNode.check(test.name(), () -> {
                String failed = test.check().get();
                return failed == null ? null : failed + synthesized(table, tenants);
            }));
        }
        for (Tenant actor : tenants) {
            for (Tenant target : tenants) {
                if (!actor.equals(target) && !skipped.contains("UPDATE")) {
                    tests.add(MatrixNode.check(label + ": " + actor.key() + " cannot move its rows to " + target.key(),
                            () -> proved(table, actor, target, MOVE, () -> ParentTenants.move(run, reached, actor,
                                    target))));
                }
            }
        }
        for (Tenant actor : tenants) {
            Tenant target = tenants.stream().filter(other -> !other.equals(actor)).findFirst().orElseThrow();
            if (!skipped.contains(TRUNCATE)) {
                tests.add(MatrixNode.check(label + ": " + actor.key() + " cannot TRUNCATE", () -> proved(table, actor,
                        target, TRUNCATE_CHECK, () -> ParentTenants.truncate(run, reached, actor, target))));
            }
        }
        return MatrixNode.container(label + " " + reached.describe(), tests);
    }

    /** The commands left out of a table's checks. */
    private Set<String> skippedCommands(TableInfo table) {
        return excludedCommands.entrySet().stream().filter(entry -> matches(entry.getKey(), table))
                .flatMap(entry -> entry.getValue().stream()).collect(Collectors.toSet());
    }

    private String check(TableInfo table, String command, Tenant actor, Tenant target, Inserts inserts) {
        String failure = checkCommand(table, command, actor, target, inserts);
        return failure == null ? null : failure + synthesized(table, actor, target);
    }

    private String checkCommand(TableInfo table, String command, Tenant actor, Tenant target, Inserts inserts) {
        ScopedSession session = run.tenant(actor);
        String name = table.qualifiedName();
        String failure = switch (command) {
            case "SELECT" -> new TableProbe(session, name, TableCheck.CANNOT_SEE).run(target);
            case "UPDATE" -> new TableProbe(session, name, TableCheck.CANNOT_UPDATE).run(target);
            case "DELETE" -> new TableProbe(session, name, TableCheck.CANNOT_DELETE).run(target);
            default -> {
                InsertProbe probe = inserts.probe();
                yield probe == null ? inserts.cannotMake() : probe.check(actor, target);
            }
        };
        return failure == null ? null : "\n" + failure;
    }

    /**
     * The failure of a probe, naming the rows the matrix made for either tenant; {@code null} where the probe
     * passed.
     */
    private String noted(TableInfo table, Tenant actor, Tenant target, Probe probe) {
        String failure;
        try {
            failure = probe.run();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not probe " + table.displayName() + ": " + e.getMessage(), e);
        }
        return failure == null ? null : "\n" + failure + synthesized(table, actor, target);
    }

    /** {@link #noted}, and records in the proof log whether the probe held, as the table probes do. */
    private String proved(TableInfo table, Tenant actor, Tenant target, String[] commandAndCheck, Probe probe) {
        String failure = noted(table, actor, target, probe);
        ProofLog.instance().record(new Proof(run.source(), run.environmentLabel(), table.displayName(),
                run.tenant(actor).scope().label(), commandAndCheck[0], commandAndCheck[1], target.toString(),
                failure == null));
        return failure;
    }

    /** A probe of the matrix: its failure message, or {@code null}. */
    private interface Probe {
        String run() throws SQLException;
    }

    /** Where the matrix made the tenants' rows in the table, says so, with the statements. */
    private String synthesized(TableInfo table, Tenant actor, Tenant target) {
        return synthesized(table, List.of(target, actor));
    }

    private String synthesized(TableInfo table, List<Tenant> tenants) {
        StringBuilder note = new StringBuilder();
        for (Tenant tenant : tenants) {
            if (synthesizer.madeFor(table, tenant)) {
                note.append("\n(").append(tenant).append("'s row in ").append(table.displayName())
                        .append(" is synthesized by the matrix, the seed left none: ")
                        .append(synthesizer.statement(table, tenant)).append(")");
            }
        }
        return note.toString();
    }

    /** The cross-tenant probes of a table, made on first use. */
    private final class Probes {
        private final TableInfo table;
        private final String tenantColumn;
        private CrossTenantProbes probes;

        Probes(TableInfo table, String tenantColumn) {
            this.table = table;
            this.tenantColumn = tenantColumn;
        }

        CrossTenantProbes get() throws SQLException {
            if (probes == null) {
                probes = new CrossTenantProbes(run, table, tenantColumn);
            }
            return probes;
        }
    }

    private Catalog ownerCatalog() {
        try {
            return run.transaction().ownerCatalog(run.scopes().owner());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the catalog: " + e.getMessage(), e);
        }
    }

    /** The insert probe of a table, made on first use, so that a table's failure to make one fails its tests. */
    private final class Inserts {
        private final TableInfo table;
        private final String tenantColumn;
        private final List<ForeignKeyInfo> keys;
        private final Map<String, ?> template;
        private InsertProbe probe;
        private String cannotMake;

        Inserts(TableInfo table, String tenantColumn, List<ForeignKeyInfo> keys, Map<String, ?> template) {
            this.table = table;
            this.tenantColumn = tenantColumn;
            this.keys = keys;
            this.template = template;
        }

        /** The probe; {@code null} where no row can be made, see {@link #cannotMake()}. */
        InsertProbe probe() {
            if (probe == null && cannotMake == null) {
                String hint = "Give a row template: withRow(\"" + table.name() + "\", Map.of(\"column\", value, ...))"
                        + (template.isEmpty() ? "" : " (the one given sets " + String.join(", ", template.keySet()) + ")")
                        + ", or leave the command out: excludingCommand(\"" + table.name() + "\", \"INSERT\").";
                try {
                    Catalog catalog = run.transaction().ownerCatalog(run.scopes().owner());
                    List<ForeignKeyInfo> own = keys.stream().filter(key -> key.table().oid() == table.oid()).toList();
                    Function<TableInfo, String> columns = parent -> tenantColumns.of(parent).orElse(null);
                    probe = new InsertProbe(run, table, tenantColumn, new RowMaker(catalog, table, tenantColumn, own,
                            template, columns), hint);
                } catch (RowMaker.CannotMake e) {
                    cannotMake = "Expecting the deny matrix to insert rows into " + table.displayName()
                            + ", but it cannot make one: " + e.getMessage() + ".\n" + hint;
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not read the columns of " + table.displayName() + ": "
                            + e.getMessage(), e);
                }
            }
            return probe;
        }

        /** Why no row can be made. */
        String cannotMake() {
            return cannotMake;
        }

        /** A new row maker of the table, for a probe of its own. */
        RowMaker maker() {
            try {
                Catalog catalog = run.transaction().ownerCatalog(run.scopes().owner());
                List<ForeignKeyInfo> own = keys.stream().filter(key -> key.table().oid() == table.oid()).toList();
                return new RowMaker(catalog, table, tenantColumn, own, template,
                        parent -> tenantColumns.of(parent).orElse(null));
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the columns of " + table.displayName() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private String tenantColumnOf(TableInfo table) {
        return run.tenantColumnOf(table.schema(), table.name());
    }

    /** {@code invoices} for a table of {@code public}, {@code billing.invoices} otherwise. */
    private static String label(TableInfo table) {
        return table.schema().equals("public") ? table.name() : table.displayName();
    }

    private static boolean matches(String name, TableInfo table) {
        return name.equals(table.name()) || name.equals(table.displayName());
    }

    private static MatrixNode failing(String name, String message) {
        return MatrixNode.check(name, () -> message);
    }
}
