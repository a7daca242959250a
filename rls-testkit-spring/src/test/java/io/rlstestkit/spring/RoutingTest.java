package io.rlstestkit.spring;

import io.rlstestkit.AsTenant;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.jdbc.Sql;
import org.springframework.transaction.annotation.Transactional;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.rootCause;

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

    @Test
    void aClassThatConfiguresTheKitProgrammaticallyIsRoutedTooAndAKitTestWithoutSpringIsLeftAlone() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ProgrammaticClass.class), selectClass(WithoutSpring.class))
                .configurationParameter(Fixture.KEY, "true").execute();

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @Test
    void aTransactionalTestAndSqlScriptsRunOnTheTestsDatabaseWhicheverOrderTheClassDeclaresTheKitAndSpringIn() {
        SEEN.clear();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(TransactionalClass.class), selectClass(TransactionalSpringFirst.class),
                        selectClass(TransactionalProgrammatic.class), selectClass(SqlSpringFirst.class))
                .configurationParameter(Fixture.KEY, "true").execute();

        results.testEvents().assertStatistics(stats -> stats.started(6).succeeded(6));
        assertThat(SEEN).hasSize(5);
    }

    @Test
    void whereJUnitDoesNotAskTheKitBeforeTheTestSpringFirstIsToldWhatToDo() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(TransactionalClass.class), selectClass(TransactionalSpringFirst.class))
                .configurationParameter(Fixture.KEY, "true")
                .configurationParameter("junit.jupiter.conditions.deactivate", RlsExtension.class.getName())
                .execute();

        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(rootCause(
                instanceOf(SQLException.class), message(text -> text.startsWith("Expecting a connection of data"
                        + " source 'dataSource' while a test runs, but no test is running under rls-testkit")
                        && text.endsWith("(junit.jupiter.conditions.deactivate names it, or it is registered on an"
                        + " instance field, not a static one): register it on a static field, or declare @RlsTest"
                        + " before @SpringBootTest, so that JUnit runs the kit's extension first.")))));
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

    /** No {@code @RlsTest}: the kit registered with its configuration, as a class that needs more than the annotation. */
    @Fixture
    @SpringBootTest
    static class ProgrammaticClass extends WritesANote {
        @RegisterExtension
        static RlsExtension rls = RlsExtension.configure().seed("classpath:db/seed/tenant.sql")
                .tenantRole("notes_user").build();

        @Test
        void one(Tenants tenants) {
            writeAndSeeOnlyOwnNote(tenants, "programmatic class, one");
        }
    }

    /** The kit without Spring, with the Spring module on the class path. */
    @Fixture
    @NotesTest
    static class WithoutSpring {
        @Test
        void theKitAlone(@AsTenant("a") RlsSession a) {
            assertThat(a.query("select body from notes")).hasSize(1);
        }
    }

    /**
     * Spring's test-managed transaction: {@code @RlsTest} (here in {@code @NotesTest}) declared before
     * {@code @SpringBootTest}, so that the kit's database is in place before Spring's listeners open the transaction.
     */
    @Fixture
    @NotesTest
    @SpringBootTest
    @Transactional
    static class TransactionalClass extends WritesANote {
        @Test
        void one(Tenants tenants) {
            writeAndSeeOnlyOwnNote(tenants, "transactional class, one");
        }

        @Test
        void two(Tenants tenants) {
            writeAndSeeOnlyOwnNote(tenants, "transactional class, two");
        }
    }

    /**
     * The same with {@code @SpringBootTest} first: Spring opens the test's transaction in its {@code beforeEach},
     * before the kit's; the data source routes itself to the test's database then.
     */
    @Fixture
    @SpringBootTest
    @NotesTest
    @Transactional
    static class TransactionalSpringFirst extends WritesANote {
        @Test
        void one(Tenants tenants) {
            writeAndSeeOnlyOwnNote(tenants, "transactional, Spring first");
        }
    }

    /** Spring's {@code @Sql}, which runs in Spring's {@code beforeEach}, before the kit's. */
    @Fixture
    @SpringBootTest
    @NotesTest
    @Sql(statements = "insert into notes (tenant_id, body) select tenant_id, 'written by @Sql' from notes"
            + " where body = 'seeded note of a'")
    static class SqlSpringFirst {
        @Autowired
        Notes notes;

        @Test
        void theScriptRanOnTheTestsDatabase(Tenants tenants) {
            assertThat(notes.bodies((UUID) tenants.get("a").id())).containsExactly("seeded note of a",
                    "written by @Sql");
        }
    }

    /** The kit registered programmatically, which JUnit always runs after the class's Spring extension. */
    @Fixture
    @SpringBootTest
    @Transactional
    static class TransactionalProgrammatic extends WritesANote {
        @RegisterExtension
        static RlsExtension rls = RlsExtension.configure().seed("classpath:db/seed/tenant.sql")
                .tenantRole("notes_user").build();

        @Test
        void one(Tenants tenants) {
            writeAndSeeOnlyOwnNote(tenants, "transactional, programmatic, one");
        }

        @Test
        void two(Tenants tenants) {
            writeAndSeeOnlyOwnNote(tenants, "transactional, programmatic, two");
        }
    }
}
