package io.rlstestkit.guard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method (or every method of a class) as a system path that may run statements on tables with row-level
 * security without a tenant context: a health check, a maintenance task. The tenant-context guard
 * ({@link GuardedDataSource}) lets a statement pass when a method or class on the calling thread's stack carries
 * this annotation, or another one the guard was told of with
 * {@link GuardedDataSource#allowingPathsAnnotatedWith(Class[])} (an application's own annotation, for code outside
 * the test class path). It allows a missing tenant context only: a role that bypasses row-level security still
 * fails unless it is an allowed system role.
 * <pre>{@code
 * @SystemPath("counts rows for the health check, across tenants by design")
 * long rowCount() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SystemPath {

    /** Why this path runs without a tenant context; shown nowhere, read by reviewers. */
    String value();
}
