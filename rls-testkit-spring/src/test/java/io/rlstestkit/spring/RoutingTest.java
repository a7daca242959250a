package io.rlstestkit.spring;

import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The routing: test classes with the same configuration share one cached application context, and each of their
 * tests sees its own copy of the database through it, with nothing another test wrote.
 */
class RoutingTest {

    /** What each fixture test saw: its context. */
    record Seen(ApplicationContext context) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    @Test
    void twoTestClassesShareOneContextAndEachTestSeesOnlyItsOwnDatabaseState() {
        SEEN.clear();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FirstClass.class), selectClass(SecondClass.class))
                .configurationParameter(Fixture.KEY, "true").execute();

        results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));
        assertThat(SEEN).hasSize(4);
        assertThat(SEEN.stream().map(Seen::context).distinct()).hasSize(1);
    }

    /** Each test writes a note of its own for tenant a and must then see the seeded note and its own, nothing else. */
    abstract static class WritesANote {
        @Autowired
        Notes notes;
        @Autowired
        ApplicationContext context;

        void writeAndSeeOnlyOwnNote(Tenants tenants, String note) {
            UUID a = (UUID) tenants.get("a").id();
            notes.add(a, note);
            assertThat(notes.bodies(a)).containsExactly("seeded note of a", note);
            SEEN.add(new Seen(context));
        }
    }

    @Fixture
    @SpringBootTest
    @NotesTest
    static class FirstClass extends WritesANote {
        @Test
        void one(Tenants tenants) {
            writeAndSeeOnlyOwnNote(tenants, "first class, one");
        }

        @Test
        void two(Tenants tenants) {
            writeAndSeeOnlyOwnNote(tenants, "first class, two");
        }
    }

    @Fixture
    @SpringBootTest
    @NotesTest
    static class SecondClass extends WritesANote {
        @Test
        void one(Tenants tenants) {
            writeAndSeeOnlyOwnNote(tenants, "second class, one");
        }

        @Test
        void two(Tenants tenants) {
            writeAndSeeOnlyOwnNote(tenants, "second class, two");
        }
    }
}
