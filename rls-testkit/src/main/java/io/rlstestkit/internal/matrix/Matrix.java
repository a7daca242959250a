package io.rlstestkit.internal.matrix;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.catalog.AuditCatalog;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.ForeignKeyInfo;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.environment.PresetTables;
import io.rlstestkit.internal.environment.TestRun;
import io.rlstestkit.internal.probe.InsertProbe;
import io.rlstestkit.internal.probe.RowMaker;
import io.rlstestkit.internal.probe.TableCheck;
import io.rlstestkit.internal.probe.TableProbe;
import io.rlstestkit.internal.scope.ScopedSession;
import org.apiguardian.api.API;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * What the deny matrix probes, and the probes themselves: a tree of named checks, each of which returns its failure
 * message or {@code null}. It knows no test framework; the face turns the tree into dynamic tests, which run in the
 * factory's test run, whose transaction lives until they have all run.
 */
@API(status = INTERNAL)
public final class Matrix {

    private static final List<String> COMMANDS = List.of("SELECT", "INSERT", "UPDATE", "DELETE");

    private final TestRun run;
    private final Set<String> excluded = new LinkedHashSet<>();
    private final Map<String, Set<String>> excludedCommands = new LinkedHashMap<>();
    private final Map<String, Map<String, ?>> templates = new LinkedHashMap<>();

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
        if (!COMMANDS.contains(upper)) {
            throw new IllegalArgumentException("Expecting a command of the deny matrix, one of " + COMMANDS
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
        Catalog catalog;
        try {
            catalog = run.transaction().ownerCatalog(run.scopes().owner());
            AuditCatalog more = new AuditCatalog(catalog);
            tables = more.tables();
            keys = more.foreignKeys();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the tables of the deny matrix: " + e.getMessage(), e);
        }
        List<MatrixNode> nodes = new ArrayList<>();
        List<Tenant> tenants = run.environment().tenants().all();
        if (tenants.size() < 2) {
            nodes.add(failing("deny matrix: needs two tenants", "\nExpecting at least two tenants for the deny"
                    + " matrix, but there " + (tenants.size() == 1 ? "is one: " + tenants.get(0).key() : "are none")
                    + ". Seed two: @RlsTest(tenants = {\"a\", \"b\"})."));
        }
        boolean supabase = run.environment().configuration().supabase();
        List<TableInfo> coverable = tables.keySet().stream()
                .filter(table -> table.rlsEnabled() || tables.get(table).contains(tenantColumnOf(table))).toList();
        List<TableInfo> covered = coverable.stream()
                .filter(table -> !PresetTables.leftOut(supabase, table, catalog)).toList();
        for (String name : names()) {
            // excluding a preset table that is left out anyway is allowed: it was needed before it was left out
            if (coverable.stream().noneMatch(table -> matches(name, table))) {
                nodes.add(failing(name + ": no such table", "\nExpecting " + name + ", which the deny matrix is"
                        + " told to exclude or to give a row template, to be a table it covers (one with row-level"
                        + " security or the tenant column), but none is. Tables it covers: " + covered.stream()
                        .map(TableInfo::displayName).collect(Collectors.joining(", ")) + "."));
            }
        }
        if (tenants.size() >= 2) {
            for (TableInfo table : covered) {
                if (excluded.stream().noneMatch(name -> matches(name, table))) {
                    nodes.add(container(table, tables.get(table), keys, tenants));
                }
            }
        }
        return nodes;
    }

    private Set<String> names() {
        Set<String> names = new LinkedHashSet<>(excluded);
        names.addAll(excludedCommands.keySet());
        names.addAll(templates.keySet());
        return names;
    }

    private MatrixNode container(TableInfo table, List<String> columns, List<ForeignKeyInfo> keys,
                                       List<Tenant> tenants) {
        String label = label(table);
        String tenantColumn = tenantColumnOf(table);
        if (!columns.contains(tenantColumn)) {
            return MatrixNode.container(label, List.of(failing(label + ": cannot be covered",
                    "\nExpecting the deny matrix to cover " + table.displayName() + ", which has row-level security,"
                    + " but it has no column " + tenantColumn + " to tell the tenants' rows apart (columns: "
                    + String.join(", ", columns) + ").\nConfigure its tenant column (tenantColumn(\"" + table.name()
                    + "\", \"...\")), or exclude it: excluding(\"" + table.name() + "\").")));
        }
        Set<String> skipped = excludedCommands.entrySet().stream().filter(entry -> matches(entry.getKey(), table))
                .flatMap(entry -> entry.getValue().stream()).collect(Collectors.toSet());
        Map<String, ?> template = templates.entrySet().stream().filter(entry -> matches(entry.getKey(), table))
                .map(Map.Entry::getValue).findFirst().orElse(Map.of());
        Inserts inserts = new Inserts(table, tenantColumn, keys, template);
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
                    String name = label + ": " + actor.key() + " cannot " + command + " rows "
                            + (command.equals("INSERT") ? "for " : "of ") + target.key();
                    tests.add(MatrixNode.check(name, () -> check(table, command, actor, target, inserts)));
                }
            }
        }
        return MatrixNode.container(label, tests);
    }

    private String check(TableInfo table, String command, Tenant actor, Tenant target, Inserts inserts) {
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
                    Function<TableInfo, String> tenantColumns = Matrix.this::tenantColumnOf;
                    probe = new InsertProbe(run, table, tenantColumn, new RowMaker(catalog, table, tenantColumn, own,
                            template, tenantColumns), hint);
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
