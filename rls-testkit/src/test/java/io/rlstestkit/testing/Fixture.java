package io.rlstestkit.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class as a fixture of the kit's own tests: a class that exists to be run through
 * {@link Fixtures#run(Class, java.util.Map)} (the engine test kit) and asserted from outside. Run any other way
 * (by Surefire, by an IDE), its tests are disabled, so that a fixture that is meant to fail does not fail the build.
 * <pre>{@code
 * class ExternalProviderTest {
 *     @Test
 *     void failsWithoutUrl() {
 *         Fixtures.run(Isolation.class, Map.of("rlstestkit.provider", "external"))
 *                 .containerEvents().assertThatEvents().haveExactly(1, finishedWithFailure(message("...")));
 *     }
 *
 *     @Fixture
 *     @RlsTest(migrations = "classpath:fixtures/sound")
 *     static class Isolation {
 *         @Test
 *         void runs(Tenants tenants) {
 *         }
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(Fixtures.OnlyThroughFixtures.class)
public @interface Fixture {
}
