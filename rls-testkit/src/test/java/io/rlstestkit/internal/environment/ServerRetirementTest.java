package io.rlstestkit.internal.environment;

import io.rlstestkit.AsOwner;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.testing.ChildJvm;
import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clusters of configurations that no test uses any more are stopped, least recently used first, when more would run
 * than {@code rlstestkit.servers-kept} allows; a configuration whose cluster was stopped is migrated again on a new
 * one when a later class needs it. Runs in a child JVM, so that the limit applies to it alone.
 */
class ServerRetirementTest {

    @Test
    void idleClustersMakeRoomAndAreMadeAgainWhenNeeded() throws InterruptedException {
        try (ChildJvm child = ChildJvm.builder(ThreeConfigurations.class)
                .systemProperty(Environments.SERVERS_KEPT_KEY, "2").start()) {
            assertThat(child.awaitExit(Duration.ofSeconds(120))).as(child.output()).isZero();
            List<String> clusters = child.linesStartingWith("CLUSTER ");
            assertThat(clusters).as(child.output()).hasSize(4);
            String sound = clusters.get(0);
            String leak = clusters.get(1);
            String otherLeak = clusters.get(2);
            String soundAgain = clusters.get(3);
            assertThat(List.of(sound, leak, otherLeak)).doesNotHaveDuplicates();
            assertThat(child.linesStartingWith("RUNNING ")).containsExactly("1", "2", "2", "2");
            assertThat(child.linesStartingWith("STOPPED ")).as("the first cluster, once the third started")
                    .containsExactly(sound);
            assertThat(soundAgain).as("the sound schema's cluster, stopped to make room, is started again")
                    .isNotEqualTo(sound).isNotIn(leak, otherLeak);
        }
    }

    /** Runs three configurations one after the other, then the first again, printing each one's cluster. */
    public static final class ThreeConfigurations {

        private static final List<String> DIRECTORIES = new java.util.ArrayList<>();

        public static void main(String[] args) {
            for (Class<?> fixture : List.of(Sound.class, Leak.class, OtherLeak.class, Sound.class)) {
                Fixtures.run(fixture).testEvents().assertStatistics(stats -> stats.succeeded(1));
                System.out.println("RUNNING " + Environments.instance().runningServers());
                if (DIRECTORIES.size() == 3 && !java.nio.file.Files.exists(java.nio.file.Path.of(DIRECTORIES.get(0)))) {
                    System.out.println("STOPPED " + DIRECTORIES.get(0));
                }
            }
            System.out.flush();
            System.exit(0);
        }

        static void print(RlsSession owner) {
            Map<String, Object> row = owner.query("SELECT current_setting('data_directory') AS directory").get(0);
            DIRECTORIES.add((String) row.get("directory"));
            System.out.println("CLUSTER " + row.get("directory"));
        }
    }

    @Fixture
    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED, tenantRole = "app_user")
    static class Sound {
        @Test
        void test(@AsOwner RlsSession owner) {
            ThreeConfigurations.print(owner);
        }
    }

    @Fixture
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "select-using-true"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    static class Leak {
        @Test
        void test(@AsOwner RlsSession owner) {
            ThreeConfigurations.print(owner);
        }
    }

    @Fixture
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "update-using-true"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    static class OtherLeak {
        @Test
        void test(@AsOwner RlsSession owner) {
            ThreeConfigurations.print(owner);
        }
    }
}
