package io.rlstestkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects an {@link RlsSession} in a tenant's scope: the tenant role, with the tenant setting (and claims) set to
 * the tenant's id. On a test method, it is the scope of the method's un-annotated {@code RlsSession} parameters.
 * <pre>{@code
 * @Test
 * void isolated(@AsTenant("b") RlsSession b, Tenants tenants) { ... }
 * }</pre>
 */
@Target({ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AsTenant {

    /** The tenant's key, as in {@code @RlsTest(tenants = ...)}. */
    String value();
}
