package io.rlstestkit;

import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The hook through which an integration of the kit follows its tests: {@code rls-testkit-spring} points the
 * application context's data source at each test's database through it. The kit finds implementations with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.rlstestkit.TestDatabaseListener}) and tells each,
 * for every test that {@link RlsTest} or a registered {@link RlsExtension} runs, before and after the test.
 * Not for application tests: they inject {@link RlsDatabase}.
 */
@API(status = INTERNAL, consumers = "io.rlstestkit.spring")
public interface TestDatabaseListener {

    /**
     * Before anything of the test runs: before its instance is made and before any extension's {@code beforeEach}.
     * JUnit runs the extensions' {@code beforeEach} in the order the test class declares them, so another extension
     * (Spring's, which opens a {@code @Transactional} test's transaction there) may need the test's database before
     * {@link #beforeEach} is called; a listener keeps {@code database} to give it then. {@code database} makes the
     * copy on its first call, as in {@link #beforeEach}; the default does nothing.
     */
    default void testStarting(ExtensionContext context, Supplier<RlsDatabase> database) {
    }

    /**
     * Whether the configuration of the test whose database this is puts the application's data source behind the
     * tenant-context guard ({@link RlsTest#guard()}, {@link RlsExtension.Builder#guard()}); then
     * {@link RlsDatabase#guarded()} is that guard, with the configured allowances.
     */
    static boolean guardsApplication(RlsDatabase database) {
        return database instanceof TestDatabase test && test.guardsApplication();
    }

    /**
     * Before the test's {@code @BeforeEach} methods. {@code database} gives the test's copy of the database, the one
     * an {@link RlsDatabase} parameter of the test gets; the copy is made on the first call, so a listener that does
     * not need it costs the test nothing.
     */
    void beforeEach(ExtensionContext context, Supplier<RlsDatabase> database);

    /** After the test's {@code @AfterEach} methods, while its database is still there; may fail the test. */
    void afterEach(ExtensionContext context);
}
