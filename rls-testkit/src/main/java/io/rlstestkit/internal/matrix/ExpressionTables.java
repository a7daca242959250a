package io.rlstestkit.internal.matrix;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.environment.TestRun;
import io.rlstestkit.internal.probe.CopyInsertProbe;
import io.rlstestkit.internal.probe.TableCheck;
import io.rlstestkit.internal.probe.TableProbe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables whose tenant is an SQL expression rather than a column ({@code tenantExpression}, and the Supabase
 * preset's {@code storage.objects}, whose tenant is the first folder of an object's name). The matrix probes them for
 * every ordered pair of tenants with SELECT, UPDATE and DELETE, which pick the target's rows by the expression, and
 * INSERT, with a copy of one of the target's rows; the probes that set a tenant column (moves, foreign keys) have
 * none to set.
 */
final class ExpressionTables {

    private static final List<String> COMMANDS = List.of("SELECT", "INSERT", "UPDATE", "DELETE");

    private ExpressionTables() {
    }

    /** The tables among these whose tenant is an expression, with it. */
    static Map<TableInfo, String> of(Collection<TableInfo> tables, TestRun run) {
        Map<TableInfo, String> expressions = new LinkedHashMap<>();
        for (TableInfo table : tables) {
            String expression = run.tenantExpressionOf(table.schema(), table.name());
            if (expression != null) {
                expressions.put(table, expression);
            }
        }
        return expressions;
    }

    /** The checks of one table, for every ordered pair of distinct tenants, but the commands left out. */
    static MatrixNode container(TestRun run, TableInfo table, String expression, String label, List<Tenant> tenants,
                                Set<String> skipped) {
        List<MatrixNode> tests = new ArrayList<>();
        CopyInsertProbe inserts = new CopyInsertProbe(run, table, expression);
        for (Tenant actor : tenants) {
            for (Tenant target : tenants) {
                if (actor.equals(target)) {
                    continue;
                }
                for (String command : COMMANDS) {
                    if (skipped.contains(command)) {
                        continue;
                    }
                    tests.add(MatrixNode.check(Matrix.commandTestName(label, actor, command, target), () -> {
                        String failure = check(run, table, command, inserts, actor, target);
                        return failure == null ? null : "\n" + failure;
                    }));
                }
            }
        }
        return MatrixNode.container(label + " (tenant: " + expression + ")", tests);
    }

    private static String check(TestRun run, TableInfo table, String command, CopyInsertProbe inserts, Tenant actor,
                                Tenant target) {
        String name = table.qualifiedName();
        return switch (command) {
            case "SELECT" -> new TableProbe(run.tenant(actor), name, TableCheck.CANNOT_SEE).run(target);
            case "UPDATE" -> new TableProbe(run.tenant(actor), name, TableCheck.CANNOT_UPDATE).run(target);
            case "DELETE" -> new TableProbe(run.tenant(actor), name, TableCheck.CANNOT_DELETE).run(target);
            default -> inserts.check(actor, target);
        };
    }
}
