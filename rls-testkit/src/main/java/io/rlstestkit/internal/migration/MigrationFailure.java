package io.rlstestkit.internal.migration;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/** A failed Flyway migration, said on one line: the file, the line, the server's error, the statement. */
final class MigrationFailure {

    private MigrationFailure() {
    }

    /**
     * The failure of a migration.
     *
     * @param script the script that was being migrated, where Flyway does not say
     */
    static String describe(FlywayException e, String script) {
        return describe(e, script, "");
    }

    /**
     * The failure of a migration.
     *
     * @param script the script that was being migrated, where Flyway does not say
     * @param when   when it failed, after the word "failed": {@code " when migrated again after its undo,"}
     */
    static String describe(FlywayException e, String script, String when) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof FlywaySqlScriptException sql) {
                String file = sql.getResource() == null ? script : sql.getResource().getFilename();
                String server = sql.getCause() == null ? sql.getMessage() : sql.getCause().getMessage();
                return file + ": failed" + when + " at line " + sql.getLineNumber() + ": " + firstLine(server)
                        + (sql.getSqlState() == null ? "" : " (SQLSTATE " + sql.getSqlState() + ")")
                        + "\n    statement: " + UndoRunner.abbreviate(sql.getStatement() == null ? ""
                        : UndoRunner.withoutLeadingComments(sql.getStatement()));
            }
        }
        return script + ": failed" + (when.endsWith(",") ? when.substring(0, when.length() - 1) : when) + ": "
                + firstLine(e.getMessage());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
