package io.rlstestkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects an {@link RlsSession} as the database owner (the user the kit logged in as, a superuser on the servers
 * the kit starts): it bypasses row-level security, for arranging data. What it writes is visible to the test's
 * other sessions and gone after the test.
 */
@Target({ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AsOwner {
}
