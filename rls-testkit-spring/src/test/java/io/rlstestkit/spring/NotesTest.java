package io.rlstestkit.spring;

import io.rlstestkit.RlsTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The kit's configuration of the module's tests, composed as a project would compose its own. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@RlsTest(seed = "classpath:db/seed/tenant.sql", tenantRole = "notes_user")
public @interface NotesTest {
}
