package io.rlstestkit;

import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The worker's settings spelled in the builder as the annotation spells them: {@code "name=value"}. */
class WorkerSettingsSpellingTest {

    @Test
    void theBuilderTakesTheAnnotationsSpelling() {
        Fixtures.run(Programmatic.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Fixture
    static class Programmatic {

        @RegisterExtension
        static final RlsExtension RLS = RlsExtension.configure()
                .migrations(TestSchemas.SOUND)
                .tenantRole("app_user")
                .workerRole("app_worker")
                .workerSettings("app.job=nightly-report", "app.region = eu")
                .workerSetting("app.shard", "7")
                .build();

        @Test
        void workerHasEverySetting(@AsWorker RlsSession worker) {
            assertThat(worker.query("select current_setting('app.job') as job, current_setting('app.region') as region,"
                    + " current_setting('app.shard') as shard"))
                    .containsExactly(Map.of("job", "nightly-report", "region", "eu", "shard", "7"));
        }
    }

    @Test
    void aSettingWithoutAnEqualsSign() {
        assertThatThrownBy(() -> RlsExtension.configure().workerSettings("app.job"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expecting each of RlsExtension.configure().workerSettings(...) to be \"name=value\", but"
                        + " got \"app.job\".");
    }
}
