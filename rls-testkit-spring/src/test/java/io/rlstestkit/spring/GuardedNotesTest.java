package io.rlstestkit.spring;

import io.rlstestkit.RlsTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** {@link NotesTest}'s configuration with the guard on the application's data source, its health check allowed. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@RlsTest(seed = "classpath:db/seed/tenant.sql", tenantRole = "notes_user", guard = true,
        guardSystemPaths = Maintenance.class)
public @interface GuardedNotesTest {
}
