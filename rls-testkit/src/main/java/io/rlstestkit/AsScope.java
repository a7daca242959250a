package io.rlstestkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects an {@link RlsSession} in a scope the project named with
 * {@link RlsExtension.Builder#scope(String, java.util.function.Consumer)}; {@link #tenant()} names the tenant of a
 * scope defined per tenant.
 * <pre>{@code
 * @Test
 * void webhookSeesItsInstallation(@AsScope(value = "webhook", tenant = "a") RlsSession webhook) { ... }
 * }</pre>
 */
@Target({ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AsScope {

    /** The scope's name. */
    String value();

    /** The tenant's key, for a scope defined per tenant; empty for a scope without a tenant. */
    String tenant() default "";
}
