package io.rlstestkit.internal.junit;

import org.junit.platform.engine.ConfigurationParameters;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The build a JVM of tests belongs to, where the build may run its tests in several JVMs, each of which then writes
 * its own part of the coverage report.
 *
 * <p>A Surefire or Failsafe fork is recognised by its command line, which names the plugin's run
 * ({@code 2026-12-01T05-10-34_606-jvmRun2}: the time the plugin started its forks, the same in each of them, and the
 * fork's number). Other runners name the build with {@value #BUILD_KEY}, the same value in each of its JVMs and another
 * one in the next build.
 *
 * @param build the build's id, the same in each of its JVMs
 * @param part  this JVM's part, its own in the build
 */
record ForkedBuild(String build, String part) {

    /** Names the build that a JVM of tests belongs to, where the kit does not recognise the runner. */
    static final String BUILD_KEY = "rlstestkit.coverage.build";

    private static final Pattern SUREFIRE_RUN =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}_\\d+)-(jvmRun\\d+)");

    /** The build of this JVM, where it is a fork of one or is named; empty for a JVM of its own (an IDE's run). */
    static Optional<ForkedBuild> of(ConfigurationParameters parameters) {
        String pid = "pid" + ProcessHandle.current().pid();
        Optional<String> named = parameters.get(BUILD_KEY).map(String::strip).filter(value -> !value.isEmpty());
        if (named.isPresent()) {
            return Optional.of(new ForkedBuild(safe(named.get()), pid));
        }
        String command = System.getProperty("sun.java.command", "");
        Matcher run = SUREFIRE_RUN.matcher(command);
        if (command.contains("surefirebooter") && run.find()) {
            return Optional.of(new ForkedBuild(run.group(1), run.group(2) + "-" + pid));
        }
        return Optional.empty();
    }

    /**
     * A build id as a folder's name: letters, digits, {@code .}, {@code _} and {@code -}; others, and a leading
     * {@code .}, become {@code _}.
     */
    private static String safe(String build) {
        return build.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.", "_");
    }
}
