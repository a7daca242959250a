package io.rlstestkit.examples.springevf;

import io.rlstestkit.RlsTest;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The platform's test set-up, composed once: the Spring Boot application, the kit's database of each test (the
 * platform's migrations, two seeded tenants), and the application's pool behind the tenant-context guard, which
 * allows the monitoring role and the application's own system operations.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest
@RlsTest(seed = "classpath:db/seed/tenant.sql", tenantRole = "evf_app", tenantSetting = "app.current_tenant",
        workerRole = "evf_system", guard = true, guardSystemRoles = "evf_system",
        guardSystemPaths = SystemOperation.class)
@interface EvfPlatformTest {
}
