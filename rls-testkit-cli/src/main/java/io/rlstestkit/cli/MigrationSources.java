package io.rlstestkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where in the migrations an object of a finding was created, so that code scanning shows the finding on that line:
 * the first {@code CREATE TABLE}, {@code VIEW}, {@code FUNCTION} or {@code ROLE} of its name, in file name order.
 */
final class MigrationSources {

    /** A line of a file, the file relative to the working directory. */
    record Location(String file, int line) {
    }

    private final Path folder;
    private List<Path> files;

    MigrationSources(Path folder) {
        this.folder = folder;
    }

    Location locate(String object) {
        String name = object == null ? "" : object.substring(object.lastIndexOf('.') + 1).replace("\"", "");
        Pattern created = Pattern.compile("(?i)\\bcreate\\s+(?:or\\s+replace\\s+)?(?:materialized\\s+)?"
                + "(?:table|view|function|role)\\s+(?:if\\s+not\\s+exists\\s+)?(?:\"?\\w+\"?\\.)?\"?"
                + Pattern.quote(name) + "\"?(?![\\w\"])");
        for (Path file : files()) {
            try {
                String text = Files.readString(file);
                Matcher matcher = created.matcher(text);
                if (!name.isEmpty() && matcher.find()) {
                    int line = (int) text.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 1;
                    return new Location(Reports.display(file), line);
                }
            } catch (IOException e) {
                // an unreadable file locates nothing; the fallback below still names the folder's first file
            }
        }
        return files().stream().findFirst().map(file -> new Location(Reports.display(file), 1))
                .orElse(new Location(Reports.display(folder), 1));
    }

    private List<Path> files() {
        if (files == null) {
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(".sql"))
                        .sorted().toList();
            } catch (IOException e) {
                files = List.of();
            }
        }
        return files;
    }
}
