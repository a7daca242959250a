package io.rlstestkit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The layout of the main code: no package cycle, no test framework below the face and its JUnit adapter, no public
 * internal type that is not marked as such. Each rule is shown to fail on a fixture that breaks it.
 */
class ArchitectureTest {

    private static final String KIT = "io.rlstestkit";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(KIT);

    @Test
    void theKitHasNoPackageCycle() {
        Layers.noPackageCycles(KIT, Layers.CONTRACT_TYPES).check(MAIN);
    }

    @Test
    void theContractTypesAreLeaves() {
        Layers.contractTypesAreLeaves(KIT, Layers.CONTRACT_TYPES).check(MAIN);
    }

    @Test
    void nothingBelowTheFaceUsesJUnitOrAssertJ() {
        Layers.noTestFrameworkBelowTheFace(KIT).check(MAIN);
    }

    @Test
    void everyPublicInternalTypeIsMarkedInternal() {
        Layers.publicInternalTypesAreMarked(KIT).check(MAIN);
    }

    /** A fixture that breaks every rule: each rule fails on it, naming what breaks it. */
    @Nested
    class OnABrokenFixture {

        private static final String FIXTURE = "io.rlstestkit.architecture.fixture";
        private static final Set<String> CONTRACT = Set.of("Contract");
        private final JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

        @Test
        void aCycleFails() {
            assertThatThrownBy(() -> Layers.noPackageCycles(FIXTURE, CONTRACT).check(fixture))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Cycle detected: Slice " + FIXTURE + ".internal.a -> \n"
                            + "                Slice " + FIXTURE + ".internal.b -> \n"
                            + "                Slice " + FIXTURE + ".internal.a");
        }

        @Test
        void aContractTypeThatIsNoLeafFails() {
            assertThatThrownBy(() -> Layers.contractTypesAreLeaves(FIXTURE, CONTRACT).check(fixture))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(FIXTURE + ".Contract")
                    .hasMessageContaining(FIXTURE + ".internal.a.Alpha");
        }

        @Test
        void assertJBelowTheFaceFails() {
            assertThatThrownBy(() -> Layers.noTestFrameworkBelowTheFace(FIXTURE).check(fixture))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Method <" + FIXTURE + ".internal.c.Judge.judge(int)> calls method"
                            + " <org.assertj.core.api.Assertions.assertThat(int)>");
        }

        @Test
        void anUnmarkedPublicInternalTypeFails() {
            assertThatThrownBy(() -> Layers.publicInternalTypesAreMarked(FIXTURE).check(fixture))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(FIXTURE + ".internal.a.Alpha is public in an internal package without"
                            + " @API(status = INTERNAL): make it package-private, or mark it")
                    .hasMessageNotContaining("Beta").hasMessageNotContaining("Judge");
        }

        @Test
        void theFixtureWithoutItsBreakagesPasses() {
            assertThatCode(() -> Layers.noPackageCycles(FIXTURE + ".internal.c", Set.of()).check(fixture))
                    .doesNotThrowAnyException();
        }
    }
}
