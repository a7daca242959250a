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
                return file + ": failed" + when + " at line " + sql.getLineNumber() + ": " + SqlScript.firstLine(server)
                        + (sql.getSqlState() == null ? "" : " (SQLSTATE " + sql.getSqlState() + ")")
                        + "\n    statement: " + SqlScript.abbreviate(sql.getStatement() == null ? ""
                        : SqlScript.withoutLeadingComments(sql.getStatement()));
            }
        }
        return script + ": failed" + (when.endsWith(",") ? when.substring(0, when.length() - 1) : when) + ": "
                + SqlScript.firstLine(e.getMessage());
    }
}
