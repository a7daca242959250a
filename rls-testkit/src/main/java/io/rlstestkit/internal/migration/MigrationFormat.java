package io.rlstestkit.internal.migration;

import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The tools whose migration folders the kit reads, each with the prefix that names it on a location
 * ({@code golang-migrate:db/migrations}) and the naming rule its files follow, for messages.
 */
@API(status = INTERNAL)
public enum MigrationFormat {

    FLYWAY("Flyway", List.of("flyway"),
            "V<version>__<description>.sql, with U<version>__<description>.sql undo scripts", true),
    GOLANG_MIGRATE("golang-migrate", List.of("golang-migrate"),
            "<version>_<title>.up.sql, with <version>_<title>.down.sql beside it", true),
    DBMATE("dbmate", List.of("dbmate"), "<version>_<name>.sql with -- migrate:up and -- migrate:down sections", true),
    SUPABASE("supabase", List.of("supabase"), "<digits>_<name>.sql in supabase/migrations", false),
    PRISMA("prisma", List.of("prisma"), "<timestamp>_<name>/migration.sql", false),
    DRIZZLE("drizzle", List.of("drizzle"), "meta/_journal.json and the <tag>.sql files it lists", false),
    LIQUIBASE("liquibase", List.of("liquibase"), "a changelog (XML, YAML or formatted SQL)", true),
    SQL_FOLDER("sql-folder", List.of("sql", "sql-folder"),
            "<name>.sql in natural order, with deploy/ and revert/ (or up/ and down/) folders for undo", true);

    private final String label;
    private final List<String> prefixes;
    private final String naming;
    private final boolean downScripts;

    MigrationFormat(String label, List<String> prefixes, String naming, boolean downScripts) {
        this.label = label;
        this.prefixes = prefixes;
        this.naming = naming;
        this.downScripts = downScripts;
    }

    /** The tool's name, for messages: {@code golang-migrate}. */
    public String label() {
        return label;
    }

    /** The naming rule of its files, for messages. */
    public String naming() {
        return naming;
    }

    /** Whether the tool has down (undo) scripts at all. */
    public boolean hasDownScripts() {
        return downScripts;
    }

    /** The first prefix that names it: {@code golang-migrate}. */
    public String prefix() {
        return prefixes.get(0);
    }

    /** The format a location prefix names ({@code golang-migrate}), if any. */
    static Optional<MigrationFormat> ofPrefix(String prefix) {
        return Arrays.stream(values()).filter(format -> format.prefixes.contains(prefix)).findFirst();
    }

    /** Every prefix, for messages: {@code flyway:, golang-migrate:, ...}. */
    static String allPrefixes() {
        return String.join(", ", Arrays.stream(values()).flatMap(format -> format.prefixes.stream())
                .map(prefix -> prefix + ":").toList());
    }
}
