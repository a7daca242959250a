package io.rlstestkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The kit's sound fixture schema (invoices and payments, isolated per tenant, a worker that reads all), composed
 * from {@link RlsTest} as a project would compose its own annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED, tenantRole = "app_user", workerRole = "app_worker")
public @interface SoundSchema {
}
