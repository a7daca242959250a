package io.rlstestkit.cli;

import java.util.Locale;

/** Markdown for a pull-request comment: the verdict, a table per kind of check, failures in collapsed details. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String write(CheckResult result) {
        StringBuilder md = new StringBuilder();
        md.append("## rls-testkit: ").append(result.proved() ? "proved" : "FAILED").append("\n\n");
        md.append("`").append(result.source()).append("`: ").append(result.tables().size()).append(" tables, ")
                .append(result.probes().size()).append(" probes (").append(result.failedProbes().size())
                .append(" failed), ").append(result.findings().size()).append(" findings (")
                .append(result.countedFindings().size()).append(" at or above ")
                .append(result.failOn().name().toLowerCase(Locale.ROOT)).append(")")
                .append(result.roundTripRan() ? ", round trip ran" : result.nothingToUndo() != null
                        ? ", no round trip: " + result.nothingToUndo() : ", no undo scripts").append(".\n\n");
        if (!result.findings().isEmpty()) {
            md.append("### Audit\n\n| severity | code | object | message |\n|---|---|---|---|\n");
            for (CheckResult.Finding finding : result.findings()) {
                md.append("| ").append(finding.accepted() ? "accepted" : finding.severity().name().toLowerCase(
                        Locale.ROOT)).append(" | `").append(finding.code()).append("` | `")
                        .append(finding.object()).append("` | ").append(cell(finding.message()))
                        .append(finding.accepted() ? " (accepted: " + cell(finding.acceptedBecause()) + ")" : "")
                        .append(" |\n");
            }
            md.append("\n");
        }
        md.append("### Deny matrix\n\n| table | probes | failed |\n|---|---|---|\n");
        for (String table : result.tables()) {
            long probes = result.probes().stream().filter(probe -> table.equals(probe.table())).count();
            long failed = result.failedProbes().stream().filter(probe -> table.equals(probe.table())).count();
            md.append("| `").append(table).append("` | ").append(probes).append(" | ")
                    .append(failed == 0 ? "0" : "**" + failed + "**").append(" |\n");
        }
        for (CheckResult.Probe probe : result.failedProbes()) {
            md.append("\n<details><summary>").append(escape(probe.name())).append("</summary>\n\n```\n")
                    .append(probe.message()).append("\n```\n</details>\n");
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", "<br>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
