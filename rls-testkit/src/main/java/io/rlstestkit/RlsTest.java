package io.rlstestkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Annotation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a test class prove row-level security on a real PostgreSQL: before its first test the database is started
 * (embedded by default), migrated to head with Flyway and seeded with two tenants; every test then starts from
 * that state, and may inject sessions in scopes ({@link AsTenant}, {@link AsWorker}, {@link AsOwner},
 * {@link AsScope}), the {@link Tenants}, and the kit's checks.
 *
 * <pre>{@code
 * @RlsTest(seed = "classpath:db/seed/tenant.sql", tenantRole = "app_user")
 * class InvoicesRlsTest {
 *     @Test
 *     void tenantsAreIsolated(@AsTenant("b") RlsSession b, Tenants tenants) {
 *         assertThat(b).cannotSee("invoices").rowsOf(tenants.get("a"));
 *     }
 * }
 * }</pre>
 *
 * <h2>Configuration</h2>
 * Every attribute is optional. System properties, or JUnit configuration parameters
 * ({@code junit-platform.properties}), beat the annotation: {@code rlstestkit.migrations} (comma-separated
 * locations), {@code rlstestkit.provider} ({@code embedded}, {@code testcontainers} or {@code external}),
 * {@code rlstestkit.jdbc-url}, {@code rlstestkit.user}, {@code rlstestkit.password}. For scopes with several
 * settings, JWT claims or names of their own, register the extension with {@link RlsExtension#configure()} instead.
 *
 * <h2>State</h2>
 * The migrated and seeded database is made once per distinct configuration and kept for the JVM; each test gets a
 * copy of it, and whatever the test changed, committed or not, is gone before the next test starts.
 *
 * <p>The annotation is {@link Inherited} and works as a meta-annotation, so a project may compose its own:
 * <pre>{@code
 * @Retention(RUNTIME) @Target(TYPE)
 * @RlsTest(seed = "classpath:db/seed/clinic.sql", tenantRole = "clinic_app")
 * public @interface ClinicRlsTest { }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RlsExtension.class)
public @interface RlsTest {

    /** Flyway locations, migrated to head once per configuration. */
    String[] migrations() default {"classpath:db/migration"};

    /** Flyway schemas; empty for Flyway's default. */
    String[] schemas() default {};

    /** The keys of the seeded tenants; {@code "key=id"} gives a tenant its id instead of the derived one. */
    String[] tenants() default {"a", "b"};

    /**
     * A SQL script run once per tenant after migrating, as the owner, with {@code ${tenant.id}} and
     * {@code ${tenant.key}} replaced; {@code classpath:} or {@code filesystem:}. Empty for none.
     */
    String seed() default "";

    /** The column that holds the tenant id in tenant-scoped tables. */
    String tenantColumn() default "tenant_id";

    /** The role a tenant scope switches to ({@code SET LOCAL ROLE}). Empty: none (the bypass guard refuses that). */
    String tenantRole() default "";

    /** The setting a tenant scope sets, transaction-local, to the tenant id. Empty for none. */
    String tenantSetting() default "app.current_tenant_id";

    /** The role of the background-worker scope. Empty: the user the kit logged in as. */
    String workerRole() default "";

    /** {@code "name=value"} settings the worker scope sets. */
    String[] workerSettings() default {};

    /**
     * Whether to add the parts of a Supabase database that policies use before migrating: roles {@code anon},
     * {@code authenticated} and {@code service_role} (BYPASSRLS), {@code auth.uid()}, {@code auth.role()},
     * {@code auth.jwt()}, a minimal {@code storage} schema with {@code storage.foldername()}. Tenants are then
     * users ({@code auth.users}); a tenant scope is role {@code authenticated} with the JWT claims {@code sub} (the
     * tenant's id) and {@code role}; the worker is {@code service_role}, unless configured otherwise; and the named
     * scope {@code anon} ({@code @AsScope("anon")}) is the anonymous role.
     */
    boolean supabase() default false;

    /**
     * Roles to create before migrating, where they do not exist yet: the roles a platform makes before a project's
     * migrations run ({@code rds_iam} on Amazon RDS, an application role made by an init script), so that the
     * migrations can grant to them. Each is created {@code NOLOGIN}, with no privileges; it belongs to the
     * configuration's server like the roles the migrations create (with the external provider, the kit drops the
     * ones it created when the tests end).
     */
    String[] preRoles() default {};

    /**
     * With {@link #supabase()}: tenants are accounts (teams, organisations) whose members are users. The account's
     * id is the tenant's id, in the tenant columns; the preset makes one member user per account in
     * {@code auth.users}, whose id is the tenant scope's {@code sub} claim ({@code auth.uid()}) and which the seed
     * script names as {@code ${tenant.user}} (to insert the membership row). Without it, each tenant is a user.
     */
    boolean accountMembers() default false;

    /**
     * Whether the application's data source, where an integration routes it to the test's database (with
     * {@code rls-testkit-spring}: every {@code DataSource} bean of a {@code @SpringBootTest}), is behind the
     * tenant-context guard ({@link io.rlstestkit.guard.GuardedDataSource}): a statement on a table with row-level
     * security without the tenant setting for its transaction, or as a role that bypasses row-level security, fails
     * the test. Without such an integration it changes nothing; put {@link RlsDatabase#guarded()} around the
     * application's pool instead.
     */
    boolean guard() default false;

    /**
     * Roles the tenant-context guard allows to run anything (system roles: the worker's, the migrations'), on the
     * application's data source with {@link #guard()} and in {@link RlsDatabase#guarded()} alike. Default: none.
     */
    String[] guardSystemRoles() default {};

    /**
     * Annotations of the application's own that mark system paths (health checks): a statement issued under a method
     * or class that carries one may run without a tenant, on the application's data source with {@link #guard()} and
     * in {@link RlsDatabase#guarded()} alike. {@link io.rlstestkit.guard.SystemPath} always counts. Default: none
     * else.
     */
    Class<? extends Annotation>[] guardSystemPaths() default {};
}
