package io.rlstestkit.spring;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Annotation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points the application context's {@code DataSource} of a test that is both {@code @SpringBootTest} and
 * {@code @RlsTest} at the kit's database of the current test: each test gets its fresh copy through a connection
 * pool configured as the application configures its own ({@code spring.datasource.hikari.*}), and nothing it writes
 * survives it. The context stays cached across test classes as Spring caches it.
 * <pre>{@code
 * @SpringBootTest
 * @RlsTest(migrations = "classpath:db/migration", seed = "classpath:db/seed/tenant.sql", tenantRole = "app_user",
 *          tenantSetting = "app.current_tenant")
 * @RlsDataSource(guard = true, systemPaths = SystemOperation.class)
 * class EvfServiceTest {
 *     @Autowired EvfService service;
 *     ...
 * }
 * }</pre>
 * <h2>Migrations</h2>
 * The kit migrates its template once with the test's {@code @RlsTest} migrations; Spring Boot's own Flyway is
 * switched off ({@code spring.flyway.enabled=false}) so that it neither runs twice nor against another database.
 * <h2>Connections outside a test</h2>
 * There is a database only while a test runs: the application must not connect while its context starts
 * (JPA: {@code spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false} and a dialect) nor from a
 * scheduled task between tests; such a connection fails with a message that says so.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(RlsSpringExtension.class)
public @interface RlsDataSource {

    /**
     * Whether the application's data source is behind the tenant-context guard
     * ({@link io.rlstestkit.guard.GuardedDataSource}): a statement on a table with row-level security without the
     * tenant setting for its transaction, or as a role that bypasses row-level security, fails the test. Default
     * {@code false}.
     */
    boolean guard() default false;

    /** Roles the guard allows to run anything (the worker's). Default: none. */
    String[] systemRoles() default {};

    /**
     * Annotations of the application's that mark system paths (health checks): a statement issued under a method or
     * class that carries one may run without a tenant. {@code @SystemPath} always counts. Default: none else.
     */
    Class<? extends Annotation>[] systemPaths() default {};
}
