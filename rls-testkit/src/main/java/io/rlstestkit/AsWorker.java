package io.rlstestkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects an {@link RlsSession} in the background worker's scope: the worker role with the worker settings, and no
 * tenant. A worker that bypasses row-level security is allowed (it may be the design); its description says so.
 */
@Target({ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AsWorker {
}
