package io.rlstestkit.internal.report;

import io.rlstestkit.Finding;
import io.rlstestkit.internal.scope.Json;
import org.apiguardian.api.API;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Which (table, command) pairs of the tables with row-level security a run exercised, in which scopes, through any
 * assertion; and which tables no assertion touched. The owner's scope, which bypasses row-level security, does not
 * count. Rendered as Markdown, as JSON, and as one line for the build log.
 */
@API(status = INTERNAL)
public final class Coverage {

    /** The commands counted, in report order. */
    public static final List<String> COMMANDS = List.of("SELECT", "INSERT", "UPDATE", "DELETE");

    private static final String OWNER = "owner";

    /** Configuration label to table to command to scopes. */
    private final Map<String, Map<String, Map<String, Set<String>>>> environments;
    private final List<CoverageLog.AuditResult> audits;
    private final Set<String> leftOut;

    private Coverage(Map<String, Map<String, Map<String, Set<String>>>> environments,
                     List<CoverageLog.AuditResult> audits, Set<String> leftOut) {
        this.environments = environments;
        this.audits = audits;
        this.leftOut = leftOut;
    }

    /** The coverage of what a run recorded. */
    public static Coverage of(CoverageLog.Records records) {
        return of(records, Set.of());
    }

    /**
     * The coverage of what a run recorded, some tables left out.
     *
     * @param excluded tables that do not count: {@code storage.objects}, or {@code audit_logs} for that name in any
     *                 schema
     */
    public static Coverage of(CoverageLog.Records records, Set<String> excluded) {
        Map<String, Map<String, Map<String, Set<String>>>> environments = new LinkedHashMap<>();
        Set<String> leftOut = new TreeSet<>();
        for (CoverageLog.EnvironmentUse use : records.environments()) {
            Map<String, Map<String, Set<String>>> tables = environments.computeIfAbsent(use.environment(),
                    key -> new TreeMap<>());
            for (String table : use.rlsTables()) {
                if (excluded.contains(table) || excluded.contains(table.substring(table.indexOf('.') + 1))) {
                    leftOut.add(table);
                } else {
                    tables.computeIfAbsent(table, key -> emptyCommands());
                }
            }
        }
        for (Exercise exercise : records.exercises()) {
            Map<String, Map<String, Set<String>>> tables = environments.get(exercise.environment());
            Map<String, Set<String>> commands = tables == null ? null : tables.get(exercise.table());
            if (commands != null && commands.containsKey(exercise.command()) && !exercise.scope().equals(OWNER)) {
                commands.get(exercise.command()).add(exercise.scope());
            }
        }
        return new Coverage(environments, records.audits(), leftOut);
    }

    private static Map<String, Set<String>> emptyCommands() {
        Map<String, Set<String>> commands = new LinkedHashMap<>();
        COMMANDS.forEach(command -> commands.put(command, new TreeSet<>()));
        return commands;
    }

    /** Whether the run used any configuration: without one there is nothing to report. */
    public boolean isEmpty() {
        return environments.isEmpty();
    }

    /** The (table, command) pairs of the tables with row-level security. */
    public int pairs() {
        return tables() * COMMANDS.size();
    }

    /** The pairs some assertion exercised. */
    public int exercised() {
        return (int) environments.values().stream().flatMap(tables -> tables.values().stream())
                .flatMap(commands -> commands.values().stream()).filter(scopes -> !scopes.isEmpty()).count();
    }

    /** The tables with row-level security, over every configuration. */
    public int tables() {
        return environments.values().stream().mapToInt(Map::size).sum();
    }

    /** The share of pairs exercised, in percent; 100 where there is no pair. */
    public double percent() {
        return pairs() == 0 ? 100.0 : 100.0 * exercised() / pairs();
    }

    /** The tables no assertion touched, schema-qualified; with the configuration where the run used several. */
    public List<String> untouched() {
        List<String> untouched = new ArrayList<>();
        environments.forEach((environment, tables) -> tables.forEach((table, commands) -> {
            if (commands.values().stream().allMatch(Set::isEmpty)) {
                untouched.add(table + (environments.size() > 1 ? " (" + environment + ")" : ""));
            }
        }));
        return untouched;
    }

    /**
     * The pairs no assertion exercised, for the summary line, so that they add up to the pairs its count leaves out:
     * a table no assertion touched as one entry with its count ({@code public.audit_logs (4 commands)}), and each
     * command left out of a table that was touched ({@code public.invoices INSERT}).
     */
    public List<String> unexercised() {
        List<String> unexercised = new ArrayList<>();
        environments.forEach((environment, tables) -> tables.forEach((table, commands) -> {
            String where = environments.size() > 1 ? " (" + environment + ")" : "";
            if (!commands.isEmpty() && commands.values().stream().allMatch(Set::isEmpty)) {
                unexercised.add(table + " (" + (where.isEmpty() ? "" : environment + ", ")
                        + Plurals.count(commands.size(), "command") + ")");
            } else {
                commands.forEach((command, scopes) -> {
                    if (scopes.isEmpty()) {
                        unexercised.add(table + " " + command + where);
                    }
                });
            }
        }));
        return unexercised;
    }

    /** The pairs no assertion exercised: {@code public.invoices INSERT}. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        environments.forEach((environment, tables) -> tables.forEach((table, commands) -> commands.forEach(
                (command, scopes) -> {
                    if (scopes.isEmpty()) {
                        missing.add(table + " " + command + (environments.size() > 1 ? " (" + environment + ")" : ""));
                    }
                })));
        return missing;
    }

    /**
     * The line for the build log: {@code rls-testkit coverage: 34 of 36 (table, command) pairs exercised across 9
     * tables with RLS; untouched: public.audit_logs (see target/rls-testkit/coverage.md)}.
     *
     * @param report  where the Markdown report is, as the line shows it
     * @param minimum the minimum in percent, or {@code null}
     */
    public String summary(String report, Double minimum) {
        List<String> untouched = unexercised();
        String shown = untouched.isEmpty() ? "none" : untouched.size() <= 5 ? String.join(", ", untouched)
                : String.join(", ", untouched.subList(0, 5)) + " and " + (untouched.size() - 5) + " more";
        return "rls-testkit coverage: " + exercised() + " of " + pairs() + " (table, command) pairs exercised across "
                + Plurals.count(tables(), "table") + " with RLS"
                + (environments.size() > 1 ? " in " + environments.size() + " configurations" : "")
                + "; untouched: " + shown
                + (minimum == null ? "" : belowMinimum(minimum) ? "; BELOW the minimum of " + format(minimum) + " %"
                : "; minimum " + format(minimum) + " % met")
                + " (see " + report + ")";
    }

    /** Whether the coverage is below a minimum in percent. */
    public boolean belowMinimum(double minimum) {
        return percent() + 1e-9 < minimum;
    }

    /**
     * Why the coverage fails a minimum, for the failure that fails the build.
     *
     * @param minimum the minimum in percent
     * @param key     the configuration key that set it
     * @param report  where the report will be
     */
    public String failure(double minimum, String key, String report) {
        List<String> missing = missing();
        return "\nExpecting rls-testkit coverage of at least " + format(minimum) + " % (" + key + "), but the run"
                + " exercised " + exercised() + " of " + pairs() + " (table, command) pairs (" + format(percent())
                + " %) across " + Plurals.count(tables(), "table") + " with row-level security.\n"
                + "Not exercised: " + (missing.size() <= 20 ? String.join(", ", missing)
                : String.join(", ", missing.subList(0, 20)) + " and " + (missing.size() - 20) + " more") + ".\n"
                + "A DenyMatrix (@TestFactory) exercises every pair of the tables it covers. The report is written to "
                + report + " when the run ends.";
    }

    /** The report in Markdown. */
    public String markdown(Double minimum) {
        StringBuilder out = new StringBuilder("# rls-testkit coverage\n\n");
        out.append(exercised()).append(" of ").append(pairs()).append(" (table, command) pairs of the tables with")
                .append(" row-level security were exercised by an assertion (").append(format(percent())).append(" %)")
                .append(minimum == null ? "" : ", against a minimum of " + format(minimum) + " %").append(".\n\n");
        List<String> untouched = untouched();
        out.append(untouched.isEmpty() ? "Every table with row-level security was touched by an assertion.\n"
                : "Tables with row-level security that no assertion touched: " + String.join(", ", untouched) + ".\n");
        if (!leftOut.isEmpty()) {
            out.append("\nLeft out by configuration (rlstestkit.coverage.exclude): ").append(String.join(", ", leftOut))
                    .append(".\n");
        }
        out.append("\nA cell lists the scopes that ran the command on the table, through any assertion: the deny")
                .append(" checks, the deny matrix, and statements run with `query(...)` and `execute(...)`. The owner,")
                .append(" which bypasses row-level security, does not count.\n");
        environments.forEach((environment, tables) -> {
            out.append("\n## ").append(environment).append("\n\n| table | ").append(String.join(" | ", COMMANDS))
                    .append(" |\n|---|").append("---|".repeat(COMMANDS.size())).append('\n');
            tables.forEach((table, commands) -> {
                out.append("| ").append(table);
                commands.values().forEach(scopes -> out.append(" | ")
                        .append(scopes.isEmpty() ? "-" : String.join(", ", scopes)));
                out.append(" |\n");
            });
        });
        if (!audits.isEmpty()) {
            out.append("\n## Policy audit\n\n| configuration | test | severity | code | object | status |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (CoverageLog.AuditResult audit : audits) {
                if (audit.findings().isEmpty()) {
                    out.append("| ").append(audit.environment()).append(" | ").append(audit.source())
                            .append(" | | | | no finding |\n");
                }
                for (Finding finding : audit.findings()) {
                    out.append("| ").append(audit.environment()).append(" | ").append(audit.source()).append(" | ")
                            .append(finding.severity()).append(" | ").append(finding.code()).append(" | ")
                            .append(finding.object()).append(" | ")
                            .append(finding.accepted() ? "accepted: " + cell(finding.acceptedBecause()) : "open")
                            .append(" |\n");
                }
            }
        }
        return out.toString();
    }

    /** The report as JSON. */
    public String json(Double minimum) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("exercised", exercised());
        root.put("pairs", pairs());
        root.put("tables", tables());
        root.put("percent", round(percent()));
        root.put("minimum", minimum == null ? null : round(minimum));
        root.put("untouched", untouched());
        root.put("excluded", List.copyOf(leftOut));
        List<Object> configurations = new ArrayList<>();
        environments.forEach((environment, tables) -> {
            Map<String, Object> configuration = new LinkedHashMap<>();
            configuration.put("configuration", environment);
            List<Object> rows = new ArrayList<>();
            tables.forEach((table, commands) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("table", table);
                Map<String, Object> byCommand = new LinkedHashMap<>();
                commands.forEach((command, scopes) -> byCommand.put(command, List.copyOf(scopes)));
                row.put("commands", byCommand);
                rows.add(row);
            });
            configuration.put("tables", rows);
            configurations.add(configuration);
        });
        root.put("configurations", configurations);
        List<Object> findings = new ArrayList<>();
        for (CoverageLog.AuditResult audit : audits) {
            for (Finding finding : audit.findings()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("configuration", audit.environment());
                entry.put("test", audit.source());
                entry.put("severity", finding.severity().name());
                entry.put("code", finding.code());
                entry.put("object", finding.object());
                entry.put("message", finding.message());
                entry.put("accepted", finding.accepted());
                entry.put("justification", finding.acceptedBecause());
                findings.add(entry);
            }
        }
        root.put("findings", findings);
        return Json.write(root) + "\n";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    }

    /** A percentage for messages: {@code 90}, {@code 37.5}. */
    static String format(double value) {
        BigDecimal rounded = round(value).stripTrailingZeros();
        return rounded.scale() <= 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }
}
