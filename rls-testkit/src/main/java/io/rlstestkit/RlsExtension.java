package io.rlstestkit;

import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.audit.Acceptance;
import io.rlstestkit.internal.database.TestcontainersProvider.DockerUnavailableException;
import io.rlstestkit.internal.environment.Environment;
import io.rlstestkit.internal.environment.ConfigurationBuilder;
import io.rlstestkit.internal.environment.Environments;
import io.rlstestkit.internal.environment.KitConfiguration;
import io.rlstestkit.internal.environment.TestRun;
import io.rlstestkit.internal.report.ProofLog;
import io.rlstestkit.internal.scope.Scope;
import io.rlstestkit.internal.tenant.TenantSpec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The JUnit 5 extension behind {@link RlsTest}. Register it programmatically where the annotation cannot say
 * enough: scopes with several settings, JWT claims, named scopes.
 * <pre>{@code
 * class InstallationsRlsTest {
 *     @RegisterExtension
 *     static RlsExtension rls = RlsExtension.configure()
 *             .seed("classpath:db/seed/installation.sql")
 *             .tenantColumn("installation_id")
 *             .tenantRole("app_user")
 *             .tenantSetting("app.current_installation_id")
 *             .tenantSetting("app.current_user_github_id", tenant -> 1000 + tenant.key().charAt(0))
 *             .scope("webhook", scope -> scope.role("app_user")
 *                     .tenantSetting("app.current_installation_id", Tenant::id))
 *             .build();
 * }
 * }</pre>
 * Resolves {@link RlsSession} (with {@link AsTenant}, {@link AsWorker}, {@link AsOwner}, {@link AsScope}, or the
 * test method's own scope annotation), {@link Tenants}, {@link RlsDatabase}, {@link MigrationRoundTrip},
 * {@link RlsAudit} and {@link DenyMatrix}.
 */
public class RlsExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver, ExecutionCondition {

    /** Comma-separated Flyway locations, overriding the configuration's. */
    public static final String MIGRATIONS_KEY = ConfigurationBuilder.MIGRATIONS_KEY;
    /** Where PostgreSQL comes from: {@code embedded} (default), {@code testcontainers} or {@code external}. */
    public static final String PROVIDER_KEY = ConfigurationBuilder.PROVIDER_KEY;
    /** The JDBC URL of the server for the {@code external} provider. */
    public static final String JDBC_URL_KEY = ConfigurationBuilder.JDBC_URL_KEY;
    /** The user for the {@code external} provider. */
    public static final String USER_KEY = ConfigurationBuilder.USER_KEY;
    /** The password for the {@code external} provider. */
    public static final String PASSWORD_KEY = ConfigurationBuilder.PASSWORD_KEY;
    /** The Docker image for the {@code testcontainers} provider ({@code postgres:17-alpine} by default). */
    public static final String TESTCONTAINERS_IMAGE_KEY = ConfigurationBuilder.TESTCONTAINERS_IMAGE_KEY;
    /** {@code true} to skip, rather than fail, the tests of the {@code testcontainers} provider without Docker. */
    public static final String SKIP_WITHOUT_DOCKER_KEY = ConfigurationBuilder.SKIP_WITHOUT_DOCKER_KEY;
    /**
     * How many servers of the kit's own (embedded clusters, containers) may run at once before the idle ones are
     * stopped, least recently used first; 8 by default. A system property or a JUnit configuration parameter
     * ({@code junit-platform.properties}); it holds for the whole JVM.
     */
    public static final String SERVERS_KEPT_KEY = Environments.SERVERS_KEPT_KEY;
    /**
     * The minimum coverage in percent ({@code 90} or {@code 90%}) of the (table, command) pairs of the tables with
     * row-level security that the run's assertions must exercise. Below it, the last test class of the run that
     * uses the kit fails in its {@code afterAll}, naming the pairs no assertion exercised, and with it the build: a
     * listener of the run cannot fail it, a test class can. Unset: no minimum. Set it where the whole suite runs
     * (Surefire's {@code systemPropertyVariables} or {@code configurationParameters}), not in
     * {@code junit-platform.properties}, which an IDE also reads when it runs one class.
     */
    public static final String COVERAGE_MINIMUM_KEY = "rlstestkit.coverage.minimum";
    /**
     * Where the coverage report is written when the run ends: {@code target/rls-testkit} (the default) under the
     * working directory, which Surefire sets to the module's base directory.
     */
    public static final String COVERAGE_DIRECTORY_KEY = "rlstestkit.coverage.directory";
    /**
     * Comma-separated tables with row-level security that the coverage report leaves out ({@code storage.objects},
     * or {@code audit_logs} for that name in any schema): tables that no test of the project is meant to reach. The
     * report lists them as left out.
     */
    public static final String COVERAGE_EXCLUDE_KEY = "rlstestkit.coverage.exclude";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RlsExtension.class);

    private final ConfigurationBuilder programmatic;

    /** The extension as {@link RlsTest} registers it: configured by the annotation. */
    public RlsExtension() {
        this(null);
    }

    private RlsExtension(ConfigurationBuilder programmatic) {
        this.programmatic = programmatic;
    }

    /** Starts a programmatic configuration; every setting has the default {@link RlsTest} states. */
    public static Builder configure() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (defers(context)) {
            return;
        }
        RunReport.classStarting(context);
        try {
            environment(context);
        } catch (KitException e) {
            throw Misconfiguration.of(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!defers(context)) {
            String source = context.getRequiredTestClass().getName();
            if (RunReport.counts(context)) {
                ProofLog.instance().printSummary(source, System.out);
            } else {
                ProofLog.instance().forget(source); // run inside another test (BrokenVariant): not what the run proved
            }
            RunReport.classEnded(context);
        }
    }

    /**
     * Enables every test; for a test method, tells the integrations ({@link TestDatabaseListener}) first that it is
     * about to start, and how to reach its database: a condition is what JUnit evaluates for each test before any
     * extension's {@code beforeEach}, whichever order the test class declares the extensions in.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent() && !defers(context)) {
            for (TestDatabaseListener listener : Listeners.ALL) {
                listener.testStarting(context, database(context));
            }
        }
        return ConditionEvaluationResult.enabled("rls-testkit runs every test");
    }

    /** Tells the integrations ({@link TestDatabaseListener}) that a test starts, and how to reach its database. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (defers(context)) {
            return;
        }
        for (TestDatabaseListener listener : Listeners.ALL) {
            listener.beforeEach(context, database(context));
        }
    }

    /** The test's database, made on the first call. */
    private Supplier<RlsDatabase> database(ExtensionContext context) {
        return () -> {
            try {
                return new TestDatabase(testRun(context));
            } catch (KitException e) {
                throw Misconfiguration.of(e);
            }
        };
    }

    /** Tells the integrations ({@link TestDatabaseListener}) that a test ended. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (defers(context)) {
            return;
        }
        for (TestDatabaseListener listener : Listeners.ALL) {
            listener.afterEach(context);
        }
    }

    /** The integrations on the class path, found once. */
    private static final class Listeners {
        static final List<TestDatabaseListener> ALL = ServiceLoader.load(TestDatabaseListener.class,
                RlsExtension.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        boolean scoped = parameter.isAnnotated(AsTenant.class) || parameter.isAnnotated(AsWorker.class)
                || parameter.isAnnotated(AsOwner.class) || parameter.isAnnotated(AsScope.class);
        if (scoped && type != RlsSession.class) {
            throw new ParameterResolutionException("Can only resolve a scope annotation on a parameter of type "
                    + RlsSession.class.getName() + " but was: " + type.getName());
        }
        return (type == RlsSession.class || type == Tenants.class || type == RlsDatabase.class
                || type == MigrationRoundTrip.class || Injectables.supports(type)) && !defers(context);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        try {
            if (type == Tenants.class) {
                return environment(context).tenants();
            }
            if (type == MigrationRoundTrip.class) {
                return MigrationRoundTrip.of(configuration(context), context::getConfigurationParameter);
            }
            if (context.getTestMethod().isEmpty()) {
                throw new ParameterResolutionException("Can only resolve " + type.getSimpleName() + " for a test"
                        + " method or a @BeforeEach/@AfterEach method, but was asked for " + parameter.getDeclaringExecutable()
                        + ". Sessions and databases live as long as one test; arrange shared rows in the seed script.");
            }
            TestRun run = testRun(context);
            if (type == RlsSession.class || type == DenyMatrix.class) {
                RunReport.sessionsIn(run, context);
            }
            if (Injectables.supports(type)) {
                return Injectables.resolve(type, run, context, programmatic);
            }
            if (type == RlsDatabase.class) {
                return new TestDatabase(run);
            }
            return run.session(scope(parameter, context, run));
        } catch (KitException e) {
            throw Misconfiguration.ofParameter(e);
        } catch (IllegalArgumentException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    private Scope scope(ParameterContext parameter, ExtensionContext context, TestRun run) {
        Optional<Scope> own = scopeOf(parameter.getParameter(), run);
        if (own.isPresent()) {
            return own.get();
        }
        Method method = context.getRequiredTestMethod();
        return scopeOf(method, run).orElseThrow(() -> new ParameterResolutionException("Can only resolve an "
                + "RlsSession with a scope: annotate the parameter with @AsTenant(\"a\"), @AsWorker, @AsOwner or"
                + " @AsScope(\"name\"), or annotate the test method " + method.getName() + " with one of them."));
    }

    private static Optional<Scope> scopeOf(AnnotatedElement element, TestRun run) {
        Optional<AsTenant> tenant = AnnotationSupport.findAnnotation(element, AsTenant.class);
        if (tenant.isPresent()) {
            return Optional.of(run.scopes().tenant(run.tenant(tenant.get().value())));
        }
        if (AnnotationSupport.isAnnotated(element, AsWorker.class)) {
            return Optional.of(run.scopes().worker());
        }
        if (AnnotationSupport.isAnnotated(element, AsOwner.class)) {
            return Optional.of(run.scopes().owner());
        }
        return AnnotationSupport.findAnnotation(element, AsScope.class).map(named -> run.scopes().named(named.value(),
                named.tenant().isEmpty() ? null : run.tenant(named.tenant())));
    }

    private TestRun testRun(ExtensionContext context) {
        environment(context);
        KitConfiguration configuration = configuration(context);
        String source = context.getRequiredTestClass().getName();
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("run:" + context.getUniqueId(),
                key -> new ClosingRun(Environments.instance().startTest(configuration, source)), ClosingRun.class).run;
    }

    private Environment environment(ExtensionContext context) {
        KitConfiguration configuration = configuration(context);
        Environments.instance().keepServers(context.getConfigurationParameter(SERVERS_KEPT_KEY)
                .or(() -> Optional.ofNullable(System.getProperty(SERVERS_KEPT_KEY))));
        try {
            return Environments.instance().environment(configuration);
        } catch (DockerUnavailableException e) {
            if (configuration.provider().skipWithoutDocker()) {
                throw new TestAbortedException(e.getMessage());
            }
            throw e;
        }
    }

    private KitConfiguration configuration(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("configuration:" + testClass.getName(), key -> {
            ConfigurationBuilder draft = programmatic != null ? programmatic : AnnotatedConfiguration.of(annotation(testClass));
            ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                    .orElse(testClass.getClassLoader());
            return draft.build(context::getConfigurationParameter, loader);
        }, KitConfiguration.class);
    }

    private static RlsTest annotation(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<RlsTest> found = AnnotationSupport.findAnnotation(type, RlsTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new ExtensionConfigurationException("Expecting @RlsTest on " + testClass.getName() + " or a class"
                + " enclosing it, since RlsExtension was registered without a configuration; annotate the class, or"
                + " register RlsExtension.configure()...build() with @RegisterExtension.");
    }

    /**
     * Whether this instance leaves the test to another: the one {@link RlsTest} registered steps aside where the
     * class also registers a configured instance with {@link RegisterExtension}.
     */
    private boolean defers(ExtensionContext context) {
        if (programmatic != null) {
            return false;
        }
        return context.getTestClass().map(type -> !AnnotationSupport.findAnnotatedFields(type,
                RegisterExtension.class, field -> RlsExtension.class.isAssignableFrom(field.getType())).isEmpty())
                .orElse(false);
    }

    /** Rolls the test's transaction back and gives its database back when the test's store closes. */
    @SuppressWarnings("deprecation")
    private static final class ClosingRun implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final TestRun run;

        ClosingRun(TestRun run) {
            this.run = run;
        }

        @Override
        public void close() {
            run.close();
        }
    }

    /**
     * A programmatic configuration. Each setting states its default; {@link #build()} returns the extension, to be
     * registered with {@code @RegisterExtension} on a static field.
     */
    public static final class Builder {

        private final ConfigurationBuilder draft = new ConfigurationBuilder();

        private Builder() {
        }

        /** Flyway locations. Default: {@code classpath:db/migration}. */
        public Builder migrations(String... locations) {
            draft.migrations(List.of(locations));
            return this;
        }

        /** Flyway schemas. Default: none (Flyway's default). */
        public Builder schemas(String... schemas) {
            draft.schemas(List.of(schemas));
            return this;
        }

        /** Further Flyway configuration, as Flyway's {@code flyway.*} properties. */
        public Builder flyway(String property, String value) {
            draft.flywayProperty(property, value);
            return this;
        }

        /** The keys of the seeded tenants. Default: {@code a}, {@code b}. */
        public Builder tenants(String... keys) {
            draft.tenants(Arrays.stream(keys).map(TenantSpec::parse).toList());
            return this;
        }

        /** A tenant with an id of its own (a UUID, a number or a text, as the tenant column's type). */
        public Builder tenant(String key, Object id) {
            List<TenantSpec> tenants = new java.util.ArrayList<>(draft.tenants().stream()
                    .filter(spec -> !spec.key().equals(key)).toList());
            tenants.add(new TenantSpec(key, String.valueOf(id)));
            draft.tenants(tenants);
            return this;
        }

        /** The seed script, run once per tenant as the owner. Default: none. */
        public Builder seed(String location) {
            draft.seed(location);
            return this;
        }

        /** The column that holds the tenant id. Default: {@code tenant_id}. */
        public Builder tenantColumn(String column) {
            draft.tenantColumn(column);
            return this;
        }

        /** The column that holds the tenant id in one table ({@code "audit_logs"} or {@code "public.audit_logs"}). */
        public Builder tenantColumn(String table, String column) {
            draft.tenantColumn(table, column);
            return this;
        }

        /**
         * The tenant of one table as an SQL expression over its columns, where no column holds the tenant id as it
         * is: {@code tenantExpression("storage.objects", "(storage.foldername(name))[1]")} for files kept in a folder
         * named by their user's id. The deny checks ({@code cannotSee}, {@code cannotUpdate}, {@code cannotDelete},
         * {@code canSee}) and the deny matrix compare it, as text, with the tenant's id. With the Supabase preset,
         * {@code storage.objects} has this one unless a tenant column or expression is given for it.
         */
        public Builder tenantExpression(String table, String expression) {
            draft.tenantExpression(table, expression);
            return this;
        }

        /** The role of the tenant scopes. Default: none (refused by the bypass guard). */
        public Builder tenantRole(String role) {
            draft.tenantRole(role);
            return this;
        }

        /** The setting that carries the tenant id. Default: {@code app.current_tenant_id}; empty for none. */
        public Builder tenantSetting(String name) {
            draft.tenantSetting(name);
            return this;
        }

        /** A further setting of the tenant scopes, a function of the tenant. */
        public Builder tenantSetting(String name, Function<Tenant, ?> value) {
            draft.tenantSetting(name, value::apply);
            return this;
        }

        /**
         * A JWT claim of the tenant scopes, a function of the tenant, set as {@code request.jwt.claims} (JSON) and
         * {@code request.jwt.claim.<name>}.
         */
        public Builder tenantClaim(String name, Function<Tenant, ?> value) {
            draft.tenantClaim(name, value::apply);
            return this;
        }

        /** The role of the worker scope. Default: the user the kit logs in as. */
        public Builder workerRole(String role) {
            draft.workerRole(role);
            return this;
        }

        /** A setting of the worker scope. */
        public Builder workerSetting(String name, String value) {
            draft.workerSetting(name, value);
            return this;
        }

        /**
         * Settings of the worker scope as the annotation spells them, {@code "name=value"} each (see
         * {@link RlsTest#workerSettings()}); the same as one {@link #workerSetting(String, String)} per setting.
         *
         * @throws IllegalArgumentException for a setting without a name and {@code =}
         */
        public Builder workerSettings(String... settings) {
            try {
                draft.workerSettings(settings, "RlsExtension.configure().workerSettings(...)");
            } catch (KitException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return this;
        }

        /** A JWT claim of the worker scope. */
        public Builder workerClaim(String name, Object value) {
            draft.workerClaim(name, value);
            return this;
        }

        /** A named scope, injected with {@link AsScope}. */
        public Builder scope(String name, Consumer<ScopeBuilder> definition) {
            ScopeBuilder scope = new ScopeBuilder();
            definition.accept(scope);
            draft.scope(name, scope.build());
            return this;
        }

        /**
         * Accepts a finding of the {@link RlsAudit} that is by design, with a written justification: it is reported
         * as accepted, and {@link RlsAudit#assertNoFindings()} no longer fails for it. See {@link AcceptFinding}.
         *
         * @param code          the finding's code ({@code "RLS_NOT_FORCED"})
         * @param object        the object as the finding names it ({@code "public.invoices"}, or a role's name)
         * @param justification why it is acceptable; must not be blank
         * @throws IllegalArgumentException for a blank justification, a blank object, or a code the audit does not
         *                                  raise
         */
        public Builder acceptFinding(String code, String object, String justification) {
            try {
                draft.accept(Acceptance.of(code, object, justification, "RlsExtension.configure()"
                        + ".acceptFinding"));
            } catch (KitException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return this;
        }

        /** The Supabase preset (see {@link RlsTest#supabase()}). */
        public Builder supabase() {
            draft.supabase(true);
            return this;
        }

        /**
         * Roles to create before migrating, where they do not exist yet (see {@link RlsTest#preRoles()}): the roles
         * a platform makes before the project's migrations run. Default: none.
         *
         * @throws IllegalArgumentException for a blank name, or one with white space
         */
        public Builder preRoles(String... roles) {
            try {
                draft.preRoles(roles, "RlsExtension.configure().preRoles(...)");
            } catch (KitException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return this;
        }

        /** Tenants are accounts with a member user each (see {@link RlsTest#accountMembers()}). */
        public Builder accountMembers() {
            draft.accountMembers(true);
            return this;
        }

        /**
         * Puts the application's data source behind the tenant-context guard, where an integration routes it to the
         * test's database (see {@link RlsTest#guard()}): with {@code rls-testkit-spring}, every {@code DataSource} bean
         * of a {@code @SpringBootTest}. Default: off.
         */
        public Builder guard() {
            draft.guard(true);
            return this;
        }

        /**
         * Roles the tenant-context guard allows to run anything: system roles, the worker's or the migrations' (see
         * {@link RlsTest#guardSystemRoles()}). They hold for {@link RlsDatabase#guarded()} and for the application's
         * data source behind {@link #guard()}. Default: none.
         *
         * @throws IllegalArgumentException for a blank name, or one with white space
         */
        public Builder guardSystemRoles(String... roles) {
            try {
                draft.guardSystemRoles(roles, "RlsExtension.configure().guardSystemRoles(...)");
            } catch (KitException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return this;
        }

        /**
         * Annotations of the application's own that mark system paths (see {@link RlsTest#guardSystemPaths()}): a
         * statement issued under a method or class that carries one may run without a tenant.
         * {@link io.rlstestkit.guard.SystemPath} always counts. They hold for {@link RlsDatabase#guarded()} and for
         * the application's data source behind {@link #guard()}. Default: none else.
         */
        @SafeVarargs
        public final Builder guardSystemPaths(Class<? extends Annotation>... annotations) {
            draft.guardSystemPaths(List.of(annotations));
            return this;
        }

        /** The extension, configured. */
        public RlsExtension build() {
            return new RlsExtension(draft.copy());
        }
    }
}
