package io.rlstestkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code rls-testkit}: the kit as one command, for projects in any language.
 * <pre>
 * java -jar rls-testkit-cli.jar check --migrations db/migrations --tenant-role app_user \
 *     --tenant-setting app.current_tenant_id --report-dir build/rls-testkit
 * </pre>
 * Exit codes: {@code 0} proved, {@code 1} a leak or a finding at or above {@code --fail-on}, {@code 2} a
 * configuration or migration error, {@code 3} a fault of the command itself.
 */
@Command(name = "rls-testkit", mixinStandardHelpOptions = true,
        versionProvider = RlsTestkitCli.Version.class,
        description = "Proves that PostgreSQL row-level security isolates tenants, from a folder of SQL migrations.",
        subcommands = {CheckCommand.class, InitCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:proved", "1:a leak, or a finding at or above --fail-on",
                "2:a configuration or migration error", "3:a fault of rls-testkit itself (please report it)"})
public final class RlsTestkitCli implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Exit code of a fault of the command itself, with its stack trace. */
    static final int INTERNAL_ERROR = 3;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                CommandLine.Help.Ansi.AUTO));
    }

    /** Runs the command line; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, CommandLine.Help.Ansi ansi) {
        CommandLine commandLine = new CommandLine(new RlsTestkitCli())
                .setOut(out)
                .setErr(err)
                .setColorScheme(CommandLine.Help.defaultColorScheme(ansi))
                .setExecutionExceptionHandler((exception, line, parsed) -> {
                    if (exception instanceof UserError) {
                        line.getErr().println(line.getColorScheme().errorText("rls-testkit: " + exception.getMessage()));
                        return CheckResult.CONFIGURATION_ERROR;
                    }
                    line.getErr().println("rls-testkit: a fault of the command itself; please report it with this"
                            + " trace:");
                    exception.printStackTrace(line.getErr());
                    return INTERNAL_ERROR;
                });
        commandLine.setExitCodeExceptionMapper(exception -> CheckResult.CONFIGURATION_ERROR);
        return commandLine.execute(args);
    }

    /** Without a command: the usage, and the exit code of a configuration error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("rls-testkit: Expecting a command, check or init, but none was given.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return CheckResult.CONFIGURATION_ERROR;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rls-testkit " + version()};
        }

        static String version() {
            String version = RlsTestkitCli.class.getPackage().getImplementationVersion();
            return version == null ? "development build" : version;
        }
    }
}
