package io.rlstestkit.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test (or class) whose fixture needs a newer PostgreSQL than the oldest the kit supports: on an older
 * embedded server (the binaries chosen with {@code -Dembedded-postgres-binaries.version=14.20.0}) it is skipped,
 * with the reason. For example, {@code MERGE} and views' {@code security_invoker} came with PostgreSQL 15.
 * <pre>{@code
 * @Test
 * @RequiresPostgres(version = 15, reason = "MERGE")
 * void mergeIsRefused(...) { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ServerVersionCondition.class)
public @interface RequiresPostgres {

    /** The oldest major version the fixture runs on. */
    int version();

    /** What the fixture uses that older versions lack. */
    String reason();
}
