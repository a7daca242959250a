package io.rlstestkit;

import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The coverage report, as a build gets it: the launcher finds the kit's listener through META-INF/services, the
 * listener writes {@code coverage.md} and {@code coverage.json} and prints one line when the run ends, and a minimum
 * that the run falls below fails the last test class that uses the kit, which fails the build.
 */
class CoverageReportTest {

    private static final String NOT_EXERCISED = "public.invoices INSERT, public.invoices UPDATE,"
            + " public.invoices DELETE, public.payments SELECT, public.payments UPDATE, public.payments DELETE";

    @TempDir
    Path directory;

    @Test
    void writesTheReportAndPrintsOneLineWhenTheRunEnds() throws IOException {
        Run run = run(Map.of(), SelectsInvoicesInsertsPayments.class);
        assertThat(run.failures).isEmpty();
        assertThat(run.summary()).isEqualTo("rls-testkit coverage: 2 of 8 (table, command) pairs exercised across 2"
                + " tables with RLS; untouched: public.invoices INSERT, public.invoices UPDATE, public.invoices DELETE,"
                + " public.payments SELECT, public.payments UPDATE and 1 more (see " + directory + "/coverage.md)");
        assertThat(Files.readString(directory.resolve("coverage.md"))).isEqualTo("""
                # rls-testkit coverage

                2 of 8 (table, command) pairs of the tables with row-level security were exercised by an assertion \
                (25 %%).

                Every table with row-level security was touched by an assertion.

                A cell lists the scopes that ran the command on the table, through any assertion: the deny checks, \
                the deny matrix, and statements run with `query(...)` and `execute(...)`. The owner, which bypasses \
                row-level security, does not count.

                ## classpath:fixtures/sound

                | table | SELECT | INSERT | UPDATE | DELETE |
                |---|---|---|---|---|
                | public.invoices | tenant b | - | - | - |
                | public.payments | - | tenant a | - | - |

                ## Policy audit

                | configuration | test | severity | code | object | status |
                |---|---|---|---|---|---|
                | classpath:fixtures/sound | %s | | | | no finding |
                """.formatted(SelectsInvoicesInsertsPayments.class.getName()));
        assertThat(Files.readString(directory.resolve("coverage.json"))).startsWith("{\"exercised\":2,\"pairs\":8,"
                + "\"tables\":2,\"percent\":25.0,\"minimum\":null,\"untouched\":[],\"excluded\":[],"
                + "\"configurations\":[{\"configuration\":\"classpath:fixtures/sound\",\"tables\":[{\"table\":\"public.invoices\","
                + "\"commands\":{\"SELECT\":[\"tenant b\"],\"INSERT\":[],\"UPDATE\":[],\"DELETE\":[]}},");
    }

    @Test
    void aMinimumTheRunFallsBelowFailsTheLastTestClassThatUsesTheKit() {
        Run run = run(Map.of(RlsExtension.COVERAGE_MINIMUM_KEY, "50%"), SelectsInvoicesInsertsPayments.class,
                UsesNoKit.class, AlsoSelectsInvoices.class);
        List<String> kit = run.classesInOrder.stream().filter(name -> !name.equals(UsesNoKit.class.getName())).toList();
        String last = kit.get(kit.size() - 1);
        assertThat(run.failures).containsOnlyKeys(last);
        assertThat(run.failures.get(last)).isEqualTo("""

                Expecting rls-testkit coverage of at least 50 %% (rlstestkit.coverage.minimum), but the run exercised \
                2 of 8 (table, command) pairs (25 %%) across 2 tables with row-level security.
                Not exercised: %s.
                A DenyMatrix (@TestFactory) exercises every pair of the tables it covers. The report is written to \
                %s/coverage.md when the run ends.""".formatted(NOT_EXERCISED, directory));
        assertThat(run.summary()).isEqualTo("rls-testkit coverage: 2 of 8 (table, command) pairs exercised across 2"
                + " tables with RLS; untouched: public.invoices INSERT, public.invoices UPDATE, public.invoices DELETE,"
                + " public.payments SELECT, public.payments UPDATE and 1 more; BELOW the minimum of 50 % (see " + directory + "/coverage.md)");
    }

    @Test
    void aMinimumTheRunMeetsFailsNothing() {
        Run run = run(Map.of(RlsExtension.COVERAGE_MINIMUM_KEY, "25"), SelectsInvoicesInsertsPayments.class);
        assertThat(run.failures).isEmpty();
        assertThat(run.summary()).endsWith("; minimum 25 % met (see " + directory + "/coverage.md)");
    }

    @Test
    void excludedTablesDoNotCount() {
        Run run = run(Map.of(RlsExtension.COVERAGE_MINIMUM_KEY, "25", RlsExtension.COVERAGE_EXCLUDE_KEY,
                " public.payments ,"), SelectsInvoicesInsertsPayments.class);
        assertThat(run.failures).isEmpty();
        assertThat(run.summary()).isEqualTo("rls-testkit coverage: 1 of 4 (table, command) pairs exercised across 1"
                + " table with RLS; untouched: public.invoices INSERT, public.invoices UPDATE, public.invoices DELETE; minimum 25 % met (see " + directory + "/coverage.md)");
    }

    @Test
    void aMinimumThatIsNoPercentageFailsTheFirstTestClassThatEnds() {
        Run run = run(Map.of(RlsExtension.COVERAGE_MINIMUM_KEY, "most"), SelectsInvoicesInsertsPayments.class);
        assertThat(run.failures).containsExactly(Map.entry(SelectsInvoicesInsertsPayments.class.getName(),
                "\nExpecting rlstestkit.coverage.minimum to be a percentage from 0 to 100 (\"90\" or \"90%\"), but it"
                        + " is \"most\"."));
    }

    @Test
    void whatATestRunsThroughTheEngineTestKitDoesNotCount() {
        Run run = run(Map.of(), SelectsInvoicesInsertsPayments.class, RunsALeakingVariantThroughTheEngineTestKit.class);
        assertThat(run.failures).isEmpty();
        assertThat(run.summary()).isEqualTo("rls-testkit coverage: 2 of 8 (table, command) pairs exercised across 2"
                + " tables with RLS; untouched: public.invoices INSERT, public.invoices UPDATE, public.invoices DELETE,"
                + " public.payments SELECT, public.payments UPDATE and 1 more (see " + directory + "/coverage.md)");
    }

    @Test
    void aClassRunThroughTheEngineTestKitDoesNotEndTheRunBeforeItsOwnRun() {
        Run run = run(Map.of(RlsExtension.COVERAGE_MINIMUM_KEY, "100",
                        "junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation"),
                RunsTheNextClassThroughTheEngineTestKit.class, AlsoSelectsInvoices.class);
        assertThat(run.classesInOrder).containsExactly(RunsTheNextClassThroughTheEngineTestKit.class.getName(),
                AlsoSelectsInvoices.class.getName());
        assertThat(run.failures).containsOnlyKeys(AlsoSelectsInvoices.class.getName());
        assertThat(run.failures.get(AlsoSelectsInvoices.class.getName()))
                .startsWith("\nExpecting rls-testkit coverage of at least 100 % (rlstestkit.coverage.minimum), but the"
                        + " run exercised 1 of 8 (table, command) pairs (12.5 %)");
    }

    /** Runs fixture classes through a launcher of their own, as Surefire runs a suite; returns what happened. */
    private Run run(Map<String, String> parameters, Class<?>... classes) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter(Fixtures.ENABLED_KEY, "true")
                .configurationParameter(RlsExtension.COVERAGE_DIRECTORY_KEY, directory.toString())
                .configurationParameters(parameters);
        for (Class<?> type : classes) {
            request.selectors(selectClass(type));
        }
        Run run = new Run();
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            LauncherFactory.create().execute(request.build(), run);
        } finally {
            System.setOut(out);
        }
        run.printed = printed.toString(StandardCharsets.UTF_8);
        return run;
    }

    /** What a run did: its classes in the order they ended, failures by class, what it printed. */
    private static final class Run implements TestExecutionListener {
        final List<String> classesInOrder = new ArrayList<>();
        final Map<String, String> failures = new LinkedHashMap<>();
        String printed;

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            identifier.getSource().filter(ClassSource.class::isInstance).map(ClassSource.class::cast)
                    .ifPresent(source -> {
                        classesInOrder.add(source.getClassName());
                        result.getThrowable().ifPresent(failure -> failures.put(source.getClassName(),
                                failure.getMessage()));
                    });
        }

        String summary() {
            return printed.lines().filter(line -> line.startsWith("rls-testkit coverage:")).reduce((a, b) -> b)
                    .orElse("(no summary line in: " + printed + ")");
        }
    }

    @Fixture
    @SoundSchema
    static class SelectsInvoicesInsertsPayments {

        @Test
        void selectsAndInserts(@AsTenant("b") RlsSession b, @AsTenant("a") RlsSession a, Tenants tenants) {
            assertThat(b).cannotSee("invoices").rowsOf(tenants.get("a"));
            assertThat(a).execute("insert into payments (tenant_id, invoice_id, paid) values (?, 1, 5)",
                    tenants.get("a")).succeeds();
        }

        @Test
        void audits(RlsAudit audit) {
            audit.assertNoFindings();
        }
    }

    @Fixture
    @SoundSchema
    @Order(2)
    static class AlsoSelectsInvoices {

        @Test
        void selects(@AsTenant("a") RlsSession a, Tenants tenants) {
            assertThat(a).cannotSee("invoices").rowsOf(tenants.get("b"));
        }
    }

    /** A test that runs another configuration through the engine test kit, as {@code BrokenVariant} does. */
    @Fixture
    static class RunsALeakingVariantThroughTheEngineTestKit {

        @Test
        void runs() {
            Fixtures.run(InALeakingVariant.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
        }
    }

    @Fixture
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "select-using-true"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    static class InALeakingVariant {

        @Test
        void sees(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).query("select * from invoices where tenant_id = ?", tenants.get("a")).returnsRows(3);
        }
    }

    /** A test that runs, through the engine test kit, a class that its own run has yet to run. */
    @Fixture
    @Order(1)
    static class RunsTheNextClassThroughTheEngineTestKit {

        @Test
        void runs() {
            Fixtures.run(AlsoSelectsInvoices.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
        }
    }

    @Fixture
    static class UsesNoKit {

        @Test
        void runs() {
            assertThat(1).isOne();
        }
    }
}
