package io.rlstestkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes the chosen reports of a check into the report folder. */
final class Reports {

    static final List<String> KINDS = List.of("junit", "sarif", "markdown", "json");

    private Reports() {
    }

    static List<String> kinds(List<String> chosen) {
        if (chosen == null || chosen.isEmpty()) {
            return KINDS;
        }
        List<String> kinds = chosen.stream().map(kind -> kind.strip().toLowerCase(Locale.ROOT)).toList();
        for (String kind : kinds) {
            if (!KINDS.contains(kind)) {
                throw new UserError("Expecting reports among " + String.join(", ", KINDS) + ", but found '" + kind
                        + "'.");
            }
        }
        return kinds;
    }

    static void write(CheckResult result, Path folder, List<String> kinds, Path migrations) {
        try {
            Files.createDirectories(folder);
            for (String kind : kinds) {
                switch (kind) {
                    case "junit" -> Files.writeString(folder.resolve("TEST-rls-testkit.xml"),
                            JunitXmlReport.write(result));
                    case "sarif" -> Files.writeString(folder.resolve("rls-testkit.sarif"),
                            SarifReport.write(result, new MigrationSources(migrations)));
                    case "markdown" -> Files.writeString(folder.resolve("rls-testkit.md"),
                            MarkdownReport.write(result));
                    case "json" -> Files.writeString(folder.resolve("rls-testkit.json"), JsonReport.write(result));
                    default -> throw new IllegalArgumentException(kind);
                }
            }
        } catch (IOException e) {
            throw new UserError("Expecting to write the reports to " + folder + ", but: " + e.getMessage());
        }
    }

    /** A path as the user would write it: relative to the working directory where it is under it. */
    static String display(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        String shown = absolute.startsWith(here) && !absolute.equals(here) ? here.relativize(absolute).toString()
                : absolute.toString();
        return shown.replace('\\', '/');
    }
}
