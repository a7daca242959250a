package io.rlstestkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code check}: migrates, seeds, audits, runs the deny matrix and the round trip, prints progress and a summary,
 * writes the reports, and exits 0, 1 or 2.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Migrates the folder into PostgreSQL (embedded, or a database of its own on --jdbc-url),"
                + " seeds the tenants, runs the policy audit, the deny-path matrix (every tenant denied every other"
                + " tenant's rows, SELECT, INSERT, UPDATE and DELETE, with positive controls) and, where there are"
                + " undo scripts, the migration round trip.",
                "Every flag may instead be set in rls-testkit.yaml; a flag wins."})
final class CheckCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = options.settings();
        CheckResult.Severity failOn = CheckResult.Severity.parse(Optional.ofNullable(settings.failOn)
                .orElse("error"), "--fail-on");
        List<String> reports = Reports.kinds(settings.reports);
        if (settings.tenantRole == null && !Boolean.TRUE.equals(settings.supabase)) {
            throw new UserError("Expecting the role of the tenant scopes, but none was given.\nPass --tenant-role"
                    + " ROLE (the role your application's tenant connections use), or --supabase.");
        }
        PrintWriter out = spec.commandLine().getOut();
        CommandLine.Help.Ansi ansi = spec.commandLine().getColorScheme().ansi();
        String source = Reports.display(Path.of(settings.migrations));
        ConsoleReport console = new ConsoleReport(out, ansi);
        CheckResult result = KitRun.check(settings, source, failOn, console);
        console.summary(result);
        if (settings.reportDir != null) {
            Reports.write(result, Path.of(settings.reportDir), reports, Path.of(settings.migrations));
            out.println("Reports: " + Reports.display(Path.of(settings.reportDir)));
        }
        out.flush();
        return result.exitCode();
    }
}
