package io.rlstestkit.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints the rows as a Markdown table, ready to paste. */
final class ResultTable {

    private static final String[] HEADER = {"step", "kit median ms", "baseline", "baseline median ms",
        "kit/baseline", "pair ratio median (p25-p75)", "runs", "target", "verdict"};

    private ResultTable() {
    }

    static void print(List<Comparison> rows, PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Comparison row : rows) {
            double kit = row.kit().medianMillis();
            double[] pairs = row.pairRatios();
            lines.add(new String[] {row.step(), millis(kit), row.baseline(), millis(row.plain().medianMillis()),
                String.format(Locale.ROOT, "%.2fx", row.ratio()),
                String.format(Locale.ROOT, "%.2fx (%.2fx-%.2fx)", pairs[1], pairs[0], pairs[2]),
                String.valueOf(row.kit().size()), row.target().description(), row.target().verdict(kit, pairs[1])});
        }
        int[] widths = new int[HEADER.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (int l = 0; l < lines.size(); l++) {
            out.println(format(lines.get(l), widths));
            if (l == 0) {
                String[] rule = new String[HEADER.length];
                for (int i = 0; i < rule.length; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                out.println(format(rule, widths));
            }
        }
        out.println("kit/baseline: the ratio of the medians. Pair ratio: the kit/baseline ratio of each interleaved pair"
                + " (median, 25th-75th percentile); a ratio target is judged on its median, which load drifting"
                + " during the run hardly moves.");
    }

    private static String format(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            line.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
        }
        return line.toString();
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.3f" : "%.1f", value);
    }
}
