package io.rlstestkit.examples.springevf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A system operation that runs without a tenant on purpose (the platform's {@code allow_system=True}): health
 * checks. The application's own marker; its tests tell the kit's guard to allow it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SystemOperation {
}
