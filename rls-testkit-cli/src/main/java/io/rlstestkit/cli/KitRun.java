package io.rlstestkit.cli;

import io.rlstestkit.DenyMatrix;
import io.rlstestkit.MigrationRoundTrip;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.RlsDatabase;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.ScopeBuilder;
import io.rlstestkit.Tenant;
import io.rlstestkit.internal.migration.Layout;
import io.rlstestkit.internal.migration.MigrationFormat;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one place where the command calls the kit. It configures {@link RlsExtension} from {@link Settings} and runs
 * the kit's checks as a JUnit test class ({@link Suite}) through the JUnit Platform launcher, using the kit's public
 * API only ({@code RlsAudit}, {@code DenyMatrix}, {@code MigrationRoundTrip}, {@code RlsDatabase}); it turns what
 * they report into a {@link CheckResult}. Nothing else in the command knows a type of the kit or of JUnit.
 *
 * <p>One run at a time: the test class reads its configuration from a static field.
 */
final class KitRun {

    /** What the command hears as the run goes. */
    interface Progress {
        void migrating(String source);

        void audited(int findings);

        void tableProved(String table, int probes, int failed);

        void roundTrip(boolean passed);
    }

    /**
     * The migration formats this version of the kit reads, each the kit's location prefix ({@code golang-migrate:});
     * {@code auto} is the kit's own detection from the file names.
     */
    static final Set<String> FORMATS = Set.of("auto", "flyway", "golang-migrate", "dbmate", "supabase", "prisma",
            "drizzle", "liquibase", "sql", "sql-folder");

    private static final Pattern FLYWAY_UNDO = Pattern.compile("U\\d[\\w.]*__.*\\.sql");

    private static Settings settings;
    private static final List<io.rlstestkit.Finding> FINDINGS = new ArrayList<>();
    private static final List<PolicyCatalog.Facts> FACTS = new ArrayList<>();

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
        boolean roundTrip = hasRoundTrip(resolved);
        Listener listener = new Listener(progress, source);
        FINDINGS.clear();
        List<String> methods = new ArrayList<>(List.of("audit", "denyMatrix"));
        if (roundTrip) {
            methods.add("roundTrip");
        }
        run(resolved, methods, listener);
        if (listener.fault != null) {
            throw new IllegalStateException("the kit failed while it ran: " + listener.fault, listener.fault);
        }
        if (listener.error != null) {
            throw new UserError(listener.error);
        }
        if (listener.tables.isEmpty()) {
            throw new UserError("Expecting tables with the tenant column ("
                    + Optional.ofNullable(resolved.tenantColumn).orElse("tenant_id") + ") or with row-level security"
                    + " after migrating " + source + ", but there are none.\nCheck the folder and its format (--format:"
                    + " " + String.join(", ", FORMATS.stream().sorted().toList()) + "), and --tenant-column.");
        }
        List<CheckResult.Finding> findings = FINDINGS.stream().map(KitRun::finding).toList();
        return new CheckResult(source, findings, List.copyOf(listener.probes),
                roundTrip && listener.nothingToUndo == null, failOn, listener.nothingToUndo);
    }

    /** Migrates, as {@link #check} does, and reads the roles and settings that the policies use. */
    static synchronized PolicyCatalog.Facts catalog(Settings resolved, String source) {
        FACTS.clear();
        Listener listener = new Listener(null, source);
        run(resolved, List.of("catalog"), listener);
        if (listener.error != null) {
            throw new UserError(listener.error);
        }
        return FACTS.get(0);
    }

    private static void run(Settings resolved, List<String> methods, Listener listener) {
        Suite.rls = extension(resolved);
        settings = resolved;
        Map<String, String> parameters = new HashMap<>();
        parameters.put("junit.jupiter.extensions.autodetection.enabled", "false");
        if (resolved.jdbcUrl != null) {
            parameters.put(RlsExtension.PROVIDER_KEY, "external");
            parameters.put(RlsExtension.JDBC_URL_KEY, resolved.jdbcUrl);
            Optional.ofNullable(resolved.user).ifPresent(user -> parameters.put(RlsExtension.USER_KEY, user));
            Optional.ofNullable(resolved.password)
                    .ifPresent(password -> parameters.put(RlsExtension.PASSWORD_KEY, password));
        } else {
            parameters.put(RlsExtension.PROVIDER_KEY, "embedded");
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(methods.stream().map(method -> DiscoverySelectors.selectMethod(Suite.class,
                        Stream.of(Suite.class.getDeclaredMethods()).filter(m -> m.getName().equals(method))
                                .findFirst().orElseThrow())).toList())
                .configurationParameters(parameters)
                .enableImplicitConfigurationParameters(false)
                .build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .addTestEngines(new JupiterTestEngine())
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build());
        try {
            launcher.execute(request, listener);
        } finally {
            Suite.rls = null;
            settings = null;
        }
    }

    private static RlsExtension extension(Settings s) {
        if (!FORMATS.contains(s.format == null ? "auto" : s.format)) {
            throw new UserError("Expecting a migration format that this version reads (" + String.join(", ",
                    FORMATS.stream().sorted().toList()) + "), but was '" + s.format + "'.\nName the tool that wrote the"
                    + " folder, or leave --format out (auto) to let the kit tell it from the file names.");
        }
        RlsExtension.Builder builder = RlsExtension.configure().migrations(location(s));
        Optional.ofNullable(s.schemas).ifPresent(schemas -> builder.schemas(schemas.toArray(String[]::new)));
        Optional.ofNullable(s.tenants).ifPresent(keys -> builder.tenants(keys.toArray(String[]::new)));
        Optional.ofNullable(s.seed).ifPresent(seed -> builder.seed("filesystem:" + seed));
        Optional.ofNullable(s.tenantColumn).ifPresent(builder::tenantColumn);
        Optional.ofNullable(s.tenantColumns).ifPresent(columns -> columns.forEach(builder::tenantColumn));
        Optional.ofNullable(s.tenantRole).ifPresent(builder::tenantRole);
        Optional.ofNullable(s.tenantSetting).ifPresent(builder::tenantSetting);
        Optional.ofNullable(s.tenantSettings).ifPresent(names -> names.forEach(name ->
                builder.tenantSetting(name, Tenant::id)));
        if (Boolean.TRUE.equals(s.supabase)) {
            builder.supabase();
        }
        Optional.ofNullable(s.workerRole).ifPresent(builder::workerRole);
        Optional.ofNullable(s.workerSettings).ifPresent(values -> values.forEach(builder::workerSetting));
        Optional.ofNullable(s.scopes).ifPresent(scopes -> scopes.forEach((name, scope) ->
                builder.scope(name, definition -> define(definition, scope))));
        if (s.roles != null && !s.roles.isEmpty()) {
            builder.flyway("flyway.initSql", createRoles(s.roles));
        }
        try {
            Optional.ofNullable(s.accept).ifPresent(accepted -> accepted.forEach(acceptance ->
                    builder.acceptFinding(acceptance.code, acceptance.object, acceptance.because)));
        } catch (IllegalArgumentException e) {
            throw new UserError("accept: " + e.getMessage());
        }
        return builder.build();
    }

    private static void define(ScopeBuilder definition, Settings.Scope scope) {
        Optional.ofNullable(scope.role).ifPresent(definition::role);
        Optional.ofNullable(scope.settings).ifPresent(values -> values.forEach(definition::setting));
        Optional.ofNullable(scope.tenantSettings).ifPresent(names -> names.forEach(name ->
                definition.tenantSetting(name, Tenant::id)));
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
                CheckResult.Severity.valueOf(finding.severity().name()), finding.message(),
                finding.acceptedBecause());
    }

    /**
     * The kit's checks as a test class; {@link KitRun} configures it and selects its methods. Public for the
     * launcher only.
     */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    public static class Suite {

        /** Set by {@link KitRun} before each run: JUnit reads it as the run starts the class. */
        @RegisterExtension
        static RlsExtension rls;

        @Test
        @Order(1)
        void audit(RlsAudit audit) {
            FINDINGS.addAll(audit.findings());
        }

        @TestFactory
        @Order(2)
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            for (String exclusion : Optional.ofNullable(settings.exclude).orElse(List.of())) {
                int colon = exclusion.lastIndexOf(':');
                if (colon < 0) {
                    matrix.excluding(exclusion);
                } else {
                    try {
                        matrix.excludingCommand(exclusion.substring(0, colon), exclusion.substring(colon + 1));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException("exclude: " + e.getMessage(), e);
                    }
                }
            }
            return matrix.tests();
        }

        @Test
        @Order(3)
        void roundTrip(MigrationRoundTrip roundTrip) {
            roundTrip.assertEveryStepReversible();
        }

        @Test
        void catalog(RlsDatabase database) throws SQLException {
            try (Connection connection = database.dataSource().getConnection()) {
                FACTS.add(PolicyCatalog.read(connection));
            }
        }
    }

    /** Turns the launcher's events into probes, progress and the first error of configuration. */
    private static final class Listener implements TestExecutionListener {
        private final Progress progress;
        private final String source;
        private final Map<String, TestIdentifier> nodes = new HashMap<>();
        private final Map<String, int[]> tableCounts = new LinkedHashMap<>();
        private final List<CheckResult.Probe> probes = new ArrayList<>();
        private final List<String> tables = new ArrayList<>();
        /** The test factory's node: its dynamic nodes share its source, so the first one started is it. */
        private String matrixId;
        private String error;
        /** The kit's sentence where the tool has no down scripts: the round trip applied them, undoing none. */
        private String nothingToUndo;
        /** A fault of the kit or of the command (a class missing from the jar, say), not of the schema. */
        private Throwable fault;

        Listener(Progress progress, String source) {
            this.progress = progress;
            this.source = source;
        }

        @Override
        public void dynamicTestRegistered(TestIdentifier identifier) {
            nodes.put(identifier.getUniqueId(), identifier);
        }

        @Override
        public void executionStarted(TestIdentifier identifier) {
            nodes.put(identifier.getUniqueId(), identifier);
            if (progress != null && identifier.isContainer() && identifier.getSource().isPresent()
                    && identifier.getSource().get() instanceof org.junit.platform.engine.support.descriptor.ClassSource) {
                progress.migrating(source);
            }
            if (matrixId == null && method(identifier).filter("denyMatrix"::equals).isPresent()) {
                matrixId = identifier.getUniqueId();
            }
        }

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            Optional<Throwable> failure = result.getThrowable();
            failure.filter(thrown -> thrown instanceof Error && !(thrown instanceof AssertionError))
                    .ifPresent(thrown -> fault = fault == null ? thrown : fault);
            Optional<String> method = method(identifier);
            String table = matrixId == null ? null : tableOf(identifier);
            if (table != null) {
                matrixNode(identifier, table, result);
                return;
            }
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                if (method.filter("audit"::equals).isPresent() && progress != null) {
                    progress.audited(FINDINGS.size());
                }
                if (method.filter("roundTrip"::equals).isPresent()) {
                    probes.add(new CheckResult.Probe(CheckResult.Kind.ROUND_TRIP, null,
                            "every migration step is reversible", true, null));
                    Optional.ofNullable(progress).ifPresent(p -> p.roundTrip(true));
                }
                return;
            }
            String message = failure.map(Listener::message).orElse("aborted: " + result);
            if (method.filter("roundTrip"::equals).isPresent()
                    && result.getStatus() == TestExecutionResult.Status.ABORTED && failure.isPresent()) {
                nothingToUndo = message;
            } else if (method.filter("roundTrip"::equals).isPresent()
                    && failure.orElse(null) instanceof AssertionError) {
                probes.add(new CheckResult.Probe(CheckResult.Kind.ROUND_TRIP, null,
                        "every migration step is reversible", false, message));
                Optional.ofNullable(progress).ifPresent(p -> p.roundTrip(false));
            } else if (error == null) {
                error = message;
            }
        }

        private void matrixNode(TestIdentifier identifier, String table, TestExecutionResult result) {
            if (identifier.isTest()) {
                boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                probes.add(new CheckResult.Probe(CheckResult.Kind.DENY_MATRIX, table, identifier.getDisplayName(),
                        passed, result.getThrowable().map(Listener::message).orElse(null)));
                int[] counts = tableCounts.computeIfAbsent(table, key -> new int[2]);
                counts[0]++;
                counts[1] += passed ? 0 : 1;
            } else if (identifier.getParentId().filter(matrixId::equals).isPresent()) {
                tables.add(table);
                int[] counts = tableCounts.getOrDefault(table, new int[2]);
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    probes.add(new CheckResult.Probe(CheckResult.Kind.DENY_MATRIX, table, table, false,
                            result.getThrowable().map(Listener::message).orElse(String.valueOf(result))));
                    counts[1]++;
                }
                if (progress != null) {
                    progress.tableProved(table, counts[0], counts[1]);
                }
            }
        }

        /** The display name of the table container a node of the matrix is in, or null outside the matrix. */
        private String tableOf(TestIdentifier identifier) {
            TestIdentifier node = identifier;
            while (node != null && node.getParentId().isPresent()) {
                if (node.getParentId().get().equals(matrixId)) {
                    return node.getDisplayName();
                }
                node = nodes.get(node.getParentId().get());
            }
            return null;
        }

        private static Optional<String> method(TestIdentifier identifier) {
            return identifier.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .map(MethodSource::getMethodName);
        }

        private static String message(Throwable failure) {
            String message = failure.getMessage();
            Throwable cause = failure.getCause();
            if ((message == null || message.isBlank()) && cause != null) {
                return message(cause);
            }
            return message == null ? failure.getClass().getSimpleName() : message.strip();
        }
    }
}
