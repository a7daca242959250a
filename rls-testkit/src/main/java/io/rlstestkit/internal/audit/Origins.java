package io.rlstestkit.internal.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.internal.migration.MigrationFiles.MigrationFile;
import org.apiguardian.api.API;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Where a finding's object was made: the migration file and line of the {@code CREATE POLICY} a message names, else of
 * the {@code CREATE TABLE}, {@code FUNCTION}, {@code VIEW} or {@code ROLE} of its object. Files are named as a
 * repository has them: a classpath resource compiled to {@code target/classes} or {@code target/test-classes} by its
 * source under {@code src/main/resources} or {@code src/test/resources}, relative to the base directory.
 */
@API(status = INTERNAL)
public final class Origins {

    /**
     * Where an object was made.
     *
     * @param uri  the file, relative to the base directory where it is under it, with {@code /} separators
     * @param line its line, from 1
     */
    public record Origin(String uri, int line) {
    }

    private static final Pattern POLICY_NAMED = Pattern.compile("^Policy (.+?) on ");

    private final List<String[]> files;

    private Origins(List<String[]> files) {
        this.files = files;
    }

    /**
     * The origins in migration files.
     *
     * @param migrations the files, in migration order
     * @param base       the directory that file names are made relative to
     */
    public static Origins of(List<MigrationFile> migrations, Path base) {
        List<String[]> files = new ArrayList<>();
        for (MigrationFile file : migrations) {
            files.add(new String[] {name(file, base), file.read(StandardCharsets.UTF_8)});
        }
        return new Origins(files);
    }

    /** Where the finding's object was made, where a migration file says. */
    public Optional<Origin> of(Finding finding) {
        String object = finding.object();
        int dot = object.indexOf('.');
        String schema = dot < 0 ? null : object.substring(0, dot);
        String name = dot < 0 ? object : object.substring(dot + 1);
        int paren = name.indexOf('(');
        String qualified = "(?:\"?" + (schema == null ? "\\w+" : Pattern.quote(schema)) + "\"?\\s*\\.\\s*)"
                + (schema == null || schema.equals("public") ? "?" : "");
        Matcher policy = POLICY_NAMED.matcher(finding.message());
        if (policy.find() && paren < 0) {
            String policyName = policy.group(1).replace("\"", "");
            Optional<Origin> found = find("CREATE\\s+POLICY\\s+\"?" + Pattern.quote(policyName) + "\"?\\s+ON\\s+"
                    + qualified + "\"?" + Pattern.quote(name) + "\"?(?![\\w\"])");
            if (found.isPresent()) {
                return found;
            }
        }
        if (paren >= 0) {
            return find("CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:FUNCTION|PROCEDURE)\\s+" + qualified + "\"?"
                    + Pattern.quote(name.substring(0, paren)) + "\"?\\s*\\(");
        }
        if (schema == null) {
            return find("CREATE\\s+ROLE\\s+\"?" + Pattern.quote(name) + "\"?(?![\\w\"])");
        }
        return find("CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:UNLOGGED\\s+)?(?:TABLE|(?:MATERIALIZED\\s+)?VIEW)\\s+"
                + "(?:IF\\s+NOT\\s+EXISTS\\s+)?" + qualified + "\"?" + Pattern.quote(name) + "\"?(?![\\w\"])");
    }

    private Optional<Origin> find(String regex) {
        Pattern pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        for (String[] file : files) {
            Matcher matcher = pattern.matcher(file[1]);
            if (matcher.find()) {
                int line = 1;
                for (int i = 0; i < matcher.start(); i++) {
                    if (file[1].charAt(i) == '\n') {
                        line++;
                    }
                }
                return Optional.of(new Origin(file[0], line));
            }
        }
        return Optional.empty();
    }

    private static String name(MigrationFile file, Path base) {
        String text = file.url().toString();
        if (file.url().getProtocol().equals("file")) {
            try {
                Path path = Path.of(file.url().toURI()).toAbsolutePath().normalize();
                String source = path.toString().replace('\\', '/')
                        .replace("/target/test-classes/", "/src/test/resources/")
                        .replace("/target/classes/", "/src/main/resources/");
                Path sourcePath = Path.of(source);
                Path root = base.toAbsolutePath().normalize();
                text = (sourcePath.startsWith(root) ? root.relativize(sourcePath) : sourcePath).toString()
                        .replace('\\', '/');
            } catch (URISyntaxException | IllegalArgumentException e) {
                return text;
            }
        }
        return text;
    }
}
