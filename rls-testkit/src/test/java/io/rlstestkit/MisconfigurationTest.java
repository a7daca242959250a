package io.rlstestkit;

import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import java.util.List;
import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * A configuration the kit cannot work with reaches the user as JUnit's {@link ExtensionConfigurationException}, or,
 * while a parameter is resolved, as a {@link ParameterResolutionException} caused by one: the kit's message, never the
 * kit's internal exception type.
 */
class MisconfigurationTest {

    private static final String BAD_WORKER_SETTING = "Expecting each of @RlsTest(workerSettings) to be"
            + " \"name=value\", but got \"app.role\".";

    @Test
    void aBadAnnotationFailsTheClassWithAnExtensionConfigurationException() {
        // WHEN
        EngineExecutionResults results = Fixtures.run(BadWorkerSetting.class);

        // THEN
        results.testEvents().assertStatistics(stats -> stats.started(0));
        Throwable failure = onlyFailure(results.containerEvents().failed().list());
        assertThat(failure).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage(BAD_WORKER_SETTING)
                .hasNoCause();
    }

    @Test
    void aBadServersKeptInTheConfigurationParametersFailsTheClass() {
        // WHEN rlstestkit.servers-kept comes from the configuration parameters (junit-platform.properties)
        EngineExecutionResults results = Fixtures.run(Sound.class, Map.of(RlsExtension.SERVERS_KEPT_KEY, "many"));

        // THEN
        results.testEvents().assertStatistics(stats -> stats.started(0));
        assertThat(onlyFailure(results.containerEvents().failed().list()))
                .isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Expecting rlstestkit.servers-kept to be a whole number of at least 1 (how many servers of"
                        + " the kit's own may run at once), but got \"many\". Set it as a system property or in"
                        + " junit-platform.properties, or remove it to keep 8.");
    }

    @Test
    void aBadAcceptanceFailsTheParameterWithAnExtensionConfigurationExceptionAsItsCause() {
        // WHEN
        EngineExecutionResults results = Fixtures.run(BlankJustification.class);

        // THEN
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        String message = "Expecting a written justification for accepting NO_POLICY on public.attachments"
                + " (@AcceptFinding on " + BlankJustification.class.getName() + ".audit), but it is blank. Say why"
                + " the finding is acceptable, so that a reviewer can check it.";
        Throwable failure = onlyFailure(results.testEvents().failed().list());
        assertThat(failure).isExactlyInstanceOf(ParameterResolutionException.class).hasMessage(message);
        assertThat(failure.getCause()).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage(message)
                .hasNoCause();
    }

    private static Throwable onlyFailure(List<Event> failed) {
        assertThat(failed).hasSize(1);
        return failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @Fixture
    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED, workerSettings = "app.role")
    static class BadWorkerSetting {

        @Test
        void owner(@AsOwner RlsSession owner) {
            assertThat(owner).query("select 1").returnsRows(1);
        }
    }

    @Fixture
    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED)
    static class Sound {

        @Test
        void owner(@AsOwner RlsSession owner) {
            assertThat(owner).query("select 1").returnsRows(1);
        }
    }

    @Fixture
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.AUDIT}, seed = TestSchemas.SEED, tenantRole = "app_user")
    static class BlankJustification {

        @Test
        @AcceptFinding(code = RlsAudit.NO_POLICY, object = "public.attachments", because = "  ")
        void audit(RlsAudit audit) {
            audit.assertNoFindings();
        }
    }
}
