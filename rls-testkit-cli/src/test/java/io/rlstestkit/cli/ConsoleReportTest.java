package io.rlstestkit.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Colours on a terminal only: the command asks picocli ({@code Ansi.AUTO}), which colours where the output is a
 * terminal; the README's commands, run with their output in a file, print none (ReadmeWorkflowTest).
 */
class ConsoleReportTest {

    @Test
    void aTableLineIsColouredOnATerminalAndPlainElsewhere() {
        assertThat(tableLines(CommandLine.Help.Ansi.ON)).contains("\u001b[", "[x]", "reviews: 16 probes held",
                "[!]", "repositories: 1 of 12 probes failed");
        assertThat(tableLines(CommandLine.Help.Ansi.OFF)).isEqualTo("  [x] reviews: 16 probes held\n"
                + "  [!] repositories: 1 of 12 probes failed\n  - tenant tables reached through a foreign key\n");
    }

    private static String tableLines(CommandLine.Help.Ansi ansi) {
        StringWriter text = new StringWriter();
        ConsoleReport report = new ConsoleReport(new PrintWriter(text), ansi);
        report.tableProved("reviews", 16, 0);
        report.tableProved("repositories", 12, 1);
        report.noted("tenant tables reached through a foreign key");
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
