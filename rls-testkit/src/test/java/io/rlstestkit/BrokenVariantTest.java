package io.rlstestkit;

import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;

/** Running a suite's own test classes against a broken variant of its schema. */
class BrokenVariantTest {

    @Test
    void theSoundSchemaFailsNothing() {
        assertThat(BrokenVariant.migrations(TestSchemas.SOUND).with(Fixtures.ENABLED_KEY, "true")
                .failuresOf(UpdatesAreIsolated.class)).isEmpty();
    }

    @Test
    void aVariantTheSuiteCatchesFailsWithTheKitsMessage() {
        List<String> failures = BrokenVariant.migrations(TestSchemas.SOUND, TestSchemas.LEAKS + "update-using-true")
                .with(Fixtures.ENABLED_KEY, "true")
                .failuresOf(UpdatesAreIsolated.class);
        assertThat(failures).singleElement().asString()
                .contains("but an UPDATE that reads no column changed 3 of tenant a's 3 rows");
    }

    @Test
    void aRunInWhichNoTestStartedProvesNothing() {
        assertThatThrownBy(() -> BrokenVariant.migrations(TestSchemas.SOUND).failuresOf(UpdatesAreIsolated.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expecting the tests of [class " + UpdatesAreIsolated.class.getName()
                        + "] to run against the broken variant {rlstestkit.migrations=" + TestSchemas.SOUND
                        + "}, but none started");
    }

    @SoundSchema
    @Fixture
    static class UpdatesAreIsolated {
        @Test
        void test(@AsTenant("b") RlsSession b) {
            assertThat(b).cannotUpdate("invoices").rowsOf("a");
        }
    }
}
