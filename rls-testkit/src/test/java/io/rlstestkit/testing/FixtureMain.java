package io.rlstestkit.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Fixture} class in a {@link ChildJvm} and prints its outcome, one line per fact, for the test that
 * started the JVM to assert on: {@code TESTS succeeded=2 failed=0 aborted=0 skipped=0}, then one {@code FAILED} or
 * {@code ABORTED} line per container or test that did not succeed, with its message on one line.
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.builder(FixtureMain.class)
 *         .args(Isolation.class.getName(), "rlstestkit.provider=external").start()) {
 *     assertThat(child.awaitExit(Duration.ofSeconds(60))).isZero();
 *     assertThat(FixtureMain.tests(child)).isEqualTo("succeeded=2 failed=0 aborted=0 skipped=0");
 *     assertThat(FixtureMain.failures(child)).isEmpty();
 * }
 * }</pre>
 */
public final class FixtureMain {

    private static final String TESTS = "TESTS ";
    private static final String FAILED = "FAILED ";
    private static final String ABORTED = "ABORTED ";

    private FixtureMain() {
    }

    /**
     * Runs a fixture class.
     *
     * @param args the fixture's class name, then its configuration parameters as {@code key=value}
     */
    public static void main(String[] args) throws ClassNotFoundException {
        Class<?> fixture = Class.forName(args[0]);
        Map<String, String> configuration = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            configuration.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        EngineExecutionResults results = Fixtures.run(fixture, configuration);
        System.out.println(TESTS + "succeeded=" + results.testEvents().succeeded().count()
                + " failed=" + results.testEvents().failed().count()
                + " aborted=" + results.testEvents().aborted().count()
                + " skipped=" + results.testEvents().skipped().count());
        results.allEvents().filter(event -> event.getType() == EventType.FINISHED).forEach(FixtureMain::print);
        System.out.flush();
    }

    private static void print(Event event) {
        TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
        String prefix = switch (result.getStatus()) {
            case FAILED -> FAILED;
            case ABORTED -> ABORTED;
            case SUCCESSFUL -> null;
        };
        if (prefix != null) {
            String message = result.getThrowable().map(Throwable::getMessage).orElse("");
            System.out.println(prefix + event.getTestDescriptor().getDisplayName() + ": " + escape(message));
        }
    }

    /** The test statistics the JVM printed: {@code succeeded=2 failed=0 aborted=0 skipped=0}. */
    public static String tests(ChildJvm child) {
        return child.linesStartingWith(TESTS).stream().findFirst().orElseThrow(() -> new AssertionError(
                "Expecting the child JVM to print its test statistics, but it did not. Its output:\n"
                        + child.output()));
    }

    /** The containers and tests that failed: {@code <display name>: <message>}. */
    public static List<String> failures(ChildJvm child) {
        return child.linesStartingWith(FAILED).stream().map(FixtureMain::unescape).toList();
    }

    /** The containers and tests that were aborted (skipped by an assumption): {@code <display name>: <message>}. */
    public static List<String> aborted(ChildJvm child) {
        return child.linesStartingWith(ABORTED).stream().map(FixtureMain::unescape).toList();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String line) {
        StringBuilder text = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                text.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
