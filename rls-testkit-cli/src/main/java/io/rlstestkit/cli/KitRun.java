package io.rlstestkit.cli;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.audit.Acceptance;
import io.rlstestkit.internal.audit.PolicyAudit;
import io.rlstestkit.internal.environment.ConfigurationBuilder;
import io.rlstestkit.internal.environment.Environments;
import io.rlstestkit.internal.environment.KitConfiguration;
import io.rlstestkit.internal.environment.RunAudit;
import io.rlstestkit.internal.environment.TestRun;
import io.rlstestkit.internal.matrix.Matrix;
import io.rlstestkit.internal.matrix.MatrixNode;
import io.rlstestkit.internal.migration.Layout;
import io.rlstestkit.internal.migration.MigrationFormat;
import io.rlstestkit.internal.migration.MigrationSource;
import io.rlstestkit.internal.migration.RoundTrip;
import io.rlstestkit.internal.scope.ScopeTemplate;
import io.rlstestkit.internal.tenant.TenantSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one place where the command calls the kit. It builds the kit's configuration from {@link Settings}, starts a
 * test run in the migrated and seeded database, and runs the kit's checks directly, as the benchmark does: the policy
 * audit, the deny matrix's tree of checks ({@link MatrixNode}), walked table by table with a line of progress for
 * each, and the round trip. No test framework runs: the jar carries no JUnit. It turns what the checks report into a
 * {@link CheckResult}. Nothing else in the command runs the kit ({@link SarifReport} writes through its SARIF
 * writer).
 */
final class KitRun {

    /** What the command hears as the run goes. */
    interface Progress {
        void migrating(String source);

        void audited(int findings);

        void tableProved(String table, int probes, int failed);

        /** What the matrix says of tables it does not probe itself. */
        void noted(String text);

        void roundTrip(boolean passed);
    }

    /**
     * The migration formats this version of the kit reads, each the kit's location prefix ({@code golang-migrate:});
     * {@code auto} is the kit's own detection from the file names.
     */
    static final Set<String> FORMATS = Set.of("auto", "flyway", "golang-migrate", "dbmate", "supabase", "prisma",
            "drizzle", "liquibase", "sql", "sql-folder");

    private static final Pattern MISSING_ROLE = Pattern.compile("role \"([^\"]+)\" does not exist");

    private static final Pattern FLYWAY_UNDO = Pattern.compile("U\\d[\\w.]*__.*\\.sql");

    /** The name the kit's reports give the command's test runs. */
    private static final String SOURCE = "rls-testkit-cli";

    private static final String ROUND_TRIP = "every migration step is reversible";

    private KitRun() {
    }

    /**
     * Migrates, seeds, audits, runs the deny matrix and, where there are undo scripts, the round trip.
     *
     * @param resolved settings whose paths are absolute
     * @throws UserError where the configuration or the migrations are wrong
     */
    static synchronized CheckResult check(Settings resolved, String source, CheckResult.Severity failOn,
                                          Progress progress) {
        try {
            CheckResult result = run(resolved, source, failOn, progress);
            return new CheckResult(result.source(), result.findings().stream().map(finding -> new CheckResult.Finding(
                    finding.code(), finding.object(), finding.severity(), shown(finding.message(), resolved, source),
                    finding.acceptedBecause())).toList(), result.probes().stream().map(probe -> new CheckResult.Probe(
                    probe.kind(), probe.table(), probe.name(), probe.passed(), shown(probe.message(), resolved, source)))
                    .toList(), result.roundTripRan(), result.failOn(), shown(result.nothingToUndo(), resolved, source));
        } catch (UserError e) {
            throw new UserError(shown(e.getMessage(), resolved, source));
        }
    }

    /**
     * A message of the kit as the command's user reads it: the migrations as they named them, not the kit's location
     * of them ({@code filesystem:} and an absolute path); and, where the kit found no Flyway migrations in a
     * folder whose format it was left to tell, how to name the format.
     */
    private static String shown(String message, Settings resolved, String source) {
        if (message == null) {
            return null;
        }
        String text = message.replace(location(resolved), source).replace("filesystem:" + resolved.migrations, source);
        if ((resolved.format == null || resolved.format.equals("auto")) && text.contains("Expecting Flyway migrations")) {
            text += "\nNot Flyway's? Name the tool that wrote the folder with --format: sql for plain SQL files (an"
                    + " Alembic export, alembic upgrade head --sql), or one of " + String.join(", ", FORMATS.stream()
                    .filter(format -> !format.equals("auto") && !format.equals("sql")).sorted().toList()) + ".";
        }
        java.util.regex.Matcher role = MISSING_ROLE.matcher(text);
        if (role.find()) {
            text += "\nWhere the migrations grant to a role that something else creates (a deploy script, the"
                    + " platform), pass --roles " + role.group(1) + " (roles in " + ConfigFile.NAME + "): it is created,"
                    + " NOLOGIN, before migrating.";
        }
        return text;
    }

    private static CheckResult run(Settings resolved, String source, CheckResult.Severity failOn, Progress progress) {
        boolean roundTrip = hasRoundTrip(resolved);
        List<Acceptance> acceptances = acceptances(resolved);
        KitConfiguration configuration = kit(() -> configuration(resolved));
        progress.migrating(source);
        List<CheckResult.Finding> findings = new ArrayList<>();
        List<CheckResult.Probe> probes = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        kit(() -> {
            try (TestRun run = start(configuration)) {
                new PolicyAudit(() -> RunAudit.audit(run), acceptances, report -> { }, false).findings()
                        .forEach(finding -> findings.add(finding(finding)));
                progress.audited(findings.size());
                for (MatrixNode node : matrix(run, resolved).nodes()) {
                    prove(node, progress, probes, tables);
                }
            }
            return null;
        });
        if (tables.isEmpty()) {
            throw new UserError("Expecting tables with the tenant column ("
                    + Optional.ofNullable(resolved.tenantColumn).orElse("tenant_id") + ") or with row-level security"
                    + " after migrating " + source + ", but there are none.\nCheck the folder and its format (--format:"
                    + " " + String.join(", ", FORMATS.stream().sorted().toList()) + "), and --tenant-column.");
        }
        String nothingToUndo = null;
        if (roundTrip) {
            try {
                nothingToUndo = kit(() -> new RoundTrip(new MigrationSource(configuration.migrations(),
                        configuration.schemas(), configuration.flywayProperties(), configuration.classLoader()),
                        Environments.instance().roundTripDatabases(configuration))
                        .assertEveryStepReversible(new RoundTrip.Options(null, false, Map.of())).map(String::strip)
                        .orElse(null));
                if (nothingToUndo == null) {
                    probes.add(new CheckResult.Probe(CheckResult.Kind.ROUND_TRIP, null, ROUND_TRIP, true, null));
                    progress.roundTrip(true);
                }
            } catch (AssertionError e) {
                probes.add(new CheckResult.Probe(CheckResult.Kind.ROUND_TRIP, null, ROUND_TRIP, false,
                        KitWords.forCommandLine(message(e))));
                progress.roundTrip(false);
            }
        }
        return new CheckResult(source, List.copyOf(findings), List.copyOf(probes), roundTrip && nothingToUndo == null,
                failOn, nothingToUndo);
    }

    /** Migrates, as {@link #check} does, and reads the roles and settings that the policies use. */
    static synchronized PolicyCatalog.Facts catalog(Settings resolved, String source) {
        try {
            return readCatalog(resolved, source);
        } catch (UserError e) {
            throw new UserError(shown(e.getMessage(), resolved, source));
        }
    }

    private static PolicyCatalog.Facts readCatalog(Settings resolved, String source) {
        KitConfiguration configuration = kit(() -> configuration(resolved));
        return kit(() -> {
            try (TestRun run = start(configuration)) {
                return run.transaction().run(run.scopes().owner(), PolicyCatalog::read);
            } catch (java.sql.SQLException e) {
                throw new KitException("Could not read the roles and settings of the policies after migrating "
                        + source + ": " + e.getMessage(), e);
            }
        });
    }

    /** A test run in the configuration's migrated and seeded database, as a test of the kit's would have. */
    private static TestRun start(KitConfiguration configuration) {
        Environments.instance().keepServers(Optional.ofNullable(System.getProperty(Environments.SERVERS_KEPT_KEY)));
        return Environments.instance().startTest(configuration, SOURCE);
    }

    /** The deny matrix of a run, with the exclusions of the settings. */
    private static Matrix matrix(TestRun run, Settings settings) {
        Matrix matrix = new Matrix(run);
        for (String exclusion : Optional.ofNullable(settings.exclude).orElse(List.of())) {
            int colon = exclusion.lastIndexOf(':');
            if (colon < 0) {
                matrix.excluding(exclusion);
            } else {
                try {
                    matrix.excludingCommand(exclusion.substring(0, colon), exclusion.substring(colon + 1));
                } catch (IllegalArgumentException e) {
                    throw new UserError("exclude: " + e.getMessage());
                }
            }
        }
        Optional.ofNullable(settings.rows).ifPresent(rows -> rows.forEach((table, columns) -> {
            Map<String, Object> template = new LinkedHashMap<>();
            columns.forEach((column, value) -> template.put(column, value == null ? null : tenantValue(value)));
            if (template.containsValue(null)) {
                throw new UserError("Expecting a value for each column of rows." + table + " (--row " + table
                        + ":COLUMN=VALUE), but " + template.entrySet().stream().filter(e -> e.getValue() == null)
                        .map(Map.Entry::getKey).findFirst().orElse("") + " has none.");
            }
            matrix.withRow(table, template);
        }));
        return matrix;
    }

    /** A value of a row template: as it is, or, where it names the tenant, made for each row's tenant. */
    private static Object tenantValue(String value) {
        if (!value.contains("${tenant.")) {
            return value;
        }
        Function<Tenant, Object> perTenant = tenant -> value.replace("${tenant.id}", String.valueOf(tenant.id()))
                .replace("${tenant.key}", tenant.key());
        return perTenant;
    }

    /**
     * Runs the checks of one node of the matrix's top level: a table's container (a line of progress once its
     * checks ran), a container with no check (a note, such as the tables reached through a foreign key), or a check
     * of its own (a misconfiguration the matrix reports as a failing check). A table's probes carry its bare name
     * ({@code uploads}), where the container's name may say more ({@code uploads (tenant: split_part(path, '/', 1))}).
     */
    private static void prove(MatrixNode node, Progress progress, List<CheckResult.Probe> probes,
                              List<String> tables) {
        if (!node.isContainer()) {
            probes.add(probe(node.name(), node));
            return;
        }
        if (node.children().isEmpty()) {
            progress.noted(node.name());
            return;
        }
        String table = tableOf(node.name());
        tables.add(table);
        int before = probes.size();
        walk(node, table, probes);
        List<CheckResult.Probe> proved = probes.subList(before, probes.size());
        progress.tableProved(node.name(), proved.size(), (int) proved.stream().filter(p -> !p.passed()).count());
    }

    /** The table of a container's name: the name up to what the matrix says of it in parentheses. */
    static String tableOf(String containerName) {
        int said = containerName.indexOf(" (");
        return said < 0 ? containerName : containerName.substring(0, said);
    }

    private static void walk(MatrixNode container, String table, List<CheckResult.Probe> probes) {
        for (MatrixNode child : container.children()) {
            if (child.isContainer()) {
                walk(child, table, probes);
            } else {
                probes.add(probe(table, child));
            }
        }
    }

    /** Runs one check: a failure message, or an exception of the check, fails its probe. */
    private static CheckResult.Probe probe(String table, MatrixNode check) {
        String failure;
        try {
            failure = check.check().get();
        } catch (RuntimeException e) {
            failure = message(e);
        }
        return new CheckResult.Probe(CheckResult.Kind.DENY_MATRIX, table, check.name(), failure == null,
                failure == null ? null : KitWords.forCommandLine(failure.strip()));
    }

    /**
     * Runs work of the kit: where the kit refuses the configuration, the migrations or the seed, the user is told its
     * message (exit code 2), never a stack trace.
     */
    private static <T> T kit(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UserError(KitWords.forCommandLine(message(e)));
        }
    }

    private static KitConfiguration configuration(Settings s) {
        if (!FORMATS.contains(s.format == null ? "auto" : s.format)) {
            throw new UserError("Expecting a migration format that this version reads (" + String.join(", ",
                    FORMATS.stream().sorted().toList()) + "), but was '" + s.format + "'.\nName the tool that wrote the"
                    + " folder, or leave --format out (auto) to let the kit tell it from the file names.");
        }
        ConfigurationBuilder builder = new ConfigurationBuilder().migrations(List.of(location(s)));
        Optional.ofNullable(s.schemas).ifPresent(builder::schemas);
        Optional.ofNullable(s.tenants).ifPresent(keys -> builder.tenants(keys.stream().map(TenantSpec::parse)
                .toList()));
        Optional.ofNullable(s.seed).ifPresent(seed -> builder.seed("filesystem:" + seed));
        Optional.ofNullable(s.tenantColumn).ifPresent(builder::tenantColumn);
        Optional.ofNullable(s.tenantColumns).ifPresent(columns -> columns.forEach(builder::tenantColumn));
        Optional.ofNullable(s.tenantExpressions).ifPresent(expressions -> expressions.forEach((table, expression) -> {
            if (table == null || table.isBlank() || expression == null || expression.isBlank()) {
                throw new UserError("Expecting --tenant-expression TABLE=EXPRESSION (tenantExpressions in "
                        + ConfigFile.NAME + ") to give each table the SQL expression of its tenant, but "
                        + (table == null || table.isBlank() ? "an expression has no table" : table + " has none")
                        + ".\nFor files kept in a folder named by their tenant's id: --tenant-expression"
                        + " \"uploads=split_part(path, '/', 1)\".");
            }
            builder.tenantExpression(table, expression);
        }));
        Optional.ofNullable(s.tenantRole).ifPresent(builder::tenantRole);
        Optional.ofNullable(s.tenantSetting).ifPresent(builder::tenantSetting);
        Optional.ofNullable(s.tenantSettings).ifPresent(names -> names.forEach(name ->
                builder.tenantSetting(name, Tenant::id)));
        if (Boolean.TRUE.equals(s.supabase)) {
            builder.supabase(true);
        }
        Optional.ofNullable(s.workerRole).ifPresent(builder::workerRole);
        Optional.ofNullable(s.workerSettings).ifPresent(values -> values.forEach(builder::workerSetting));
        Optional.ofNullable(s.scopes).ifPresent(scopes -> scopes.forEach((name, scope) ->
                builder.scope(name, template(scope))));
        if (s.roles != null && !s.roles.isEmpty()) {
            builder.flywayProperty("flyway.initSql", createRoles(s.roles));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (s.jdbcUrl != null) {
            parameters.put(ConfigurationBuilder.PROVIDER_KEY, "external");
            parameters.put(ConfigurationBuilder.JDBC_URL_KEY, s.jdbcUrl);
            Optional.ofNullable(s.user).ifPresent(user -> parameters.put(ConfigurationBuilder.USER_KEY, user));
            Optional.ofNullable(s.password)
                    .ifPresent(password -> parameters.put(ConfigurationBuilder.PASSWORD_KEY, password));
        } else {
            parameters.put(ConfigurationBuilder.PROVIDER_KEY, "embedded");
        }
        return builder.build(key -> Optional.ofNullable(parameters.get(key)), KitRun.class.getClassLoader());
    }

    /** A named scope: its role, fixed settings, and settings that hold the tenant's id. */
    private static ScopeTemplate template(Settings.Scope scope) {
        Map<String, Function<Tenant, Object>> settings = new LinkedHashMap<>();
        Optional.ofNullable(scope.settings).ifPresent(values -> values.forEach((name, value) ->
                settings.put(name, tenant -> value)));
        List<String> tenantSettings = Optional.ofNullable(scope.tenantSettings).orElse(List.of());
        tenantSettings.forEach(name -> settings.put(name, Tenant::id));
        String role = scope.role == null || scope.role.isEmpty() ? null : scope.role;
        return new ScopeTemplate(role, settings, null, !tenantSettings.isEmpty());
    }

    private static List<Acceptance> acceptances(Settings s) {
        List<Acceptance> acceptances = new ArrayList<>();
        for (Settings.Acceptance accepted : Optional.ofNullable(s.accept).orElse(List.of())) {
            try {
                acceptances.add(Acceptance.of(accepted.code, accepted.object, accepted.because,
                        "rls-testkit.yaml's accept or --accept"));
            } catch (KitException | IllegalArgumentException e) {
                throw new UserError("accept: " + e.getMessage());
            }
        }
        return acceptances;
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage();
        Throwable cause = failure.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            return message(cause);
        }
        return message == null ? failure.getClass().getSimpleName() : message.strip();
    }

    /** SQL that creates each role unless it exists, run by Flyway before it migrates. */
    private static String createRoles(List<String> roles) {
        StringBuilder sql = new StringBuilder("DO $rls_testkit$ BEGIN ");
        for (String role : roles) {
            String quoted = "\"" + role.replace("\"", "\"\"") + "\"";
            sql.append("IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '").append(role.replace("'", "''"))
                    .append("') THEN CREATE ROLE ").append(quoted).append(" NOLOGIN; END IF; ");
        }
        return sql.append("END $rls_testkit$").toString();
    }

    /** The kit's location of the migrations: the format's prefix, or none for the kit's detection. */
    static String location(Settings s) {
        String folder = "filesystem:" + s.migrations;
        return s.format == null || s.format.equals("auto") ? folder : s.format + ":" + folder;
    }

    /**
     * Whether to run the round trip: the kit's migration layer tells the tool. Flyway's round trip needs undo
     * scripts ({@code U1__name.sql}), and without them it does not run, as before; every other tool's runs, and
     * where the tool has no down scripts the kit says so (an aborted round trip, never a pass).
     */
    private static boolean hasRoundTrip(Settings s) {
        MigrationFormat format;
        try {
            format = Layout.of(List.of(location(s)), KitRun.class.getClassLoader()).format();
        } catch (RuntimeException e) {
            return false; // the kit names the problem again as it migrates, and the run ends in that message
        }
        return format != MigrationFormat.FLYWAY || hasUndoScripts(Path.of(s.migrations));
    }

    static boolean hasUndoScripts(Path migrations) {
        try (Stream<Path> files = Files.walk(migrations)) {
            return files.anyMatch(file -> FLYWAY_UNDO.matcher(file.getFileName().toString()).matches());
        } catch (IOException e) {
            throw new UserError("Expecting to read the migrations folder " + migrations + ", but: " + e.getMessage());
        }
    }

    private static CheckResult.Finding finding(io.rlstestkit.Finding finding) {
        return new CheckResult.Finding(finding.code(), finding.object(),
                CheckResult.Severity.valueOf(finding.severity().name()), KitWords.forCommandLine(finding.message()),
                finding.acceptedBecause());
    }
}
