package io.rlstestkit.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags that {@code check} and {@code init} share: one for each field of {@code rls-testkit.yaml}, which they
 * override. Paths are relative to the working directory.
 */
final class SettingsOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration file. Default: rls-testkit.yaml in the working directory, if it exists.")
    Path config;

    @Option(names = "--migrations", paramLabel = "DIR", description = "The folder of migrations.")
    String migrations;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "How the folder is laid out: auto (default: as the kit detects it) or a format's name.")
    String format;

    @Option(names = "--schemas", split = ",", paramLabel = "SCHEMA", description = "Flyway schemas.")
    List<String> schemas;

    @Option(names = "--tenant-column", paramLabel = "COLUMN",
            description = "The column that holds the tenant id. Default: tenant_id.")
    String tenantColumn;

    @Option(names = "--tenant-columns", split = ",", paramLabel = "TABLE=COLUMN",
            description = "The tenant column of tables that name it otherwise.")
    Map<String, String> tenantColumns;

    @Option(names = "--tenant-expression", paramLabel = "TABLE=EXPRESSION",
            description = "The tenant of a table as an SQL expression over its columns, compared as text with the"
                    + " tenant id, where no column holds it as it is: files=split_part(path, '/', 1). Repeatable.")
    Map<String, String> tenantExpressions;

    @Option(names = "--tenant-role", paramLabel = "ROLE", description = "The role of the tenant scopes.")
    String tenantRole;

    @Option(names = "--tenant-setting", paramLabel = "NAME",
            description = "The setting that carries the tenant id. Default: app.current_tenant_id.")
    String tenantSetting;

    @Option(names = "--tenant-settings", split = ",", paramLabel = "NAME",
            description = "Further settings of the tenant scopes, set to the tenant id.")
    List<String> tenantSettings;

    @Option(names = "--supabase", description = "The Supabase preset: roles, auth.uid() and JWT claims.")
    Boolean supabase;

    @Option(names = "--tenants", split = ",", paramLabel = "KEY[=ID]",
            description = "The tenants to seed. Default: a,b.")
    List<String> tenants;

    @Option(names = "--worker-role", paramLabel = "ROLE", description = "The role of the worker scope.")
    String workerRole;

    @Option(names = "--worker-settings", split = ",", paramLabel = "NAME=VALUE",
            description = "Settings of the worker scope.")
    Map<String, String> workerSettings;

    @Option(names = "--scope", paramLabel = "NAME=ROLE[:TENANT_SETTING,...]",
            description = "A named scope: its role and, optionally, settings set to the tenant id. Repeatable.")
    Map<String, String> scopes;

    @Option(names = "--scope-setting", paramLabel = "NAME:SETTING=VALUE",
            description = "A setting of a named scope, set to the value given. Repeatable.")
    Map<String, String> scopeSettings;

    @Option(names = "--roles", split = ",", paramLabel = "ROLE",
            description = "Roles to create (NOLOGIN) before migrating, for migrations that grant to them.")
    List<String> roles;

    @Option(names = "--seed", paramLabel = "FILE",
            description = "SQL run once per tenant as the owner; ${tenant.id} and ${tenant.key} are replaced.")
    String seed;

    @Option(names = "--exclude", split = ",", paramLabel = "TABLE[:COMMAND]",
            description = "Tables, or one command of a table, that the deny matrix leaves out.")
    List<String> exclude;

    @Option(names = "--row", paramLabel = "TABLE:COLUMN=VALUE",
            description = "A value of a column in the rows the deny matrix inserts into a table, where those it makes"
                    + " do not pass the table's constraints; ${tenant.id} and ${tenant.key} are replaced. Repeatable.")
    Map<String, String> rows;

    @Option(names = "--accept", paramLabel = "CODE:OBJECT:JUSTIFICATION",
            description = "Accepts a finding that is by design, with why.")
    List<String> accept;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "The mildest finding that fails: error (default), warning or info.")
    String failOn;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where to write the reports.")
    String reportDir;

    @Option(names = "--reports", split = ",", paramLabel = "KIND",
            description = "Reports to write to --report-dir: junit, sarif, markdown, json. Default: all.")
    List<String> reports;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "An existing server, instead of the embedded one: the kit creates a database of its own"
                    + " there, and drops it after.")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "USER", description = "The user for --jdbc-url.")
    String user;

    @Option(names = "--password-env", paramLabel = "VARIABLE",
            description = "The environment variable that holds the password for --jdbc-url."
                    + " Default: RLS_TESTKIT_PASSWORD.")
    String passwordVariable = "RLS_TESTKIT_PASSWORD";

    /** The settings: the configuration file's, overridden by the flags; paths absolute. */
    Settings settings() {
        Path file = config != null ? config : Path.of(ConfigFile.NAME);
        Settings base = config != null || file.toFile().isFile() ? ConfigFile.read(file) : new Settings();
        Settings merged = base.overriddenBy(flags());
        if (merged.migrations == null) {
            throw new UserError("Expecting the folder of migrations, but none was given.\nPass --migrations DIR, or"
                    + " set 'migrations' in " + ConfigFile.NAME + ".");
        }
        if (!java.nio.file.Files.isDirectory(Path.of(merged.migrations))) {
            throw new UserError("Expecting a folder of migrations at " + merged.migrations + ", but there is no"
                    + " such folder.");
        }
        if (merged.seed != null && !java.nio.file.Files.isRegularFile(Path.of(merged.seed))) {
            throw new UserError("Expecting a seed script at " + merged.seed + ", but there is no such file.");
        }
        return merged;
    }

    private Settings flags() {
        Path here = Path.of("").toAbsolutePath();
        Settings flags = new Settings();
        flags.migrations = ConfigFile.resolve(here, migrations);
        flags.format = format;
        flags.schemas = schemas;
        flags.tenantColumn = tenantColumn;
        flags.tenantColumns = tenantColumns;
        flags.tenantExpressions = tenantExpressions;
        flags.tenantRole = tenantRole;
        flags.tenantSetting = tenantSetting;
        flags.tenantSettings = tenantSettings;
        flags.supabase = supabase;
        flags.tenants = tenants;
        flags.workerRole = workerRole;
        flags.workerSettings = workerSettings;
        if (scopes != null || scopeSettings != null) {
            flags.scopes = new LinkedHashMap<>();
            Optional.ofNullable(scopes).ifPresent(given -> given.forEach((name, value) -> {
                Settings.Scope scope = flags.scopes.computeIfAbsent(name, key -> new Settings.Scope());
                String[] parts = value.split(":", 2);
                scope.role = parts[0];
                if (parts.length == 2) {
                    scope.tenantSettings = List.of(parts[1].split(","));
                }
            }));
            Optional.ofNullable(scopeSettings).ifPresent(given -> given.forEach((nameSetting, value) -> {
                int colon = nameSetting.indexOf(':');
                if (colon <= 0 || colon == nameSetting.length() - 1) {
                    throw new UserError("Expecting --scope-setting NAME:SETTING=VALUE, but was '" + nameSetting + "="
                            + value + "'.");
                }
                flags.scopes.computeIfAbsent(nameSetting.substring(0, colon), key -> new Settings.Scope()).settings
                        .put(nameSetting.substring(colon + 1), value);
            }));
        }
        flags.roles = roles;
        flags.seed = ConfigFile.resolve(here, seed);
        flags.exclude = exclude;
        if (rows != null) {
            flags.rows = new LinkedHashMap<>();
            rows.forEach((tableColumn, value) -> {
                int colon = tableColumn.lastIndexOf(':');
                if (colon <= 0 || colon == tableColumn.length() - 1) {
                    throw new UserError("Expecting --row TABLE:COLUMN=VALUE, but was '" + tableColumn + "=" + value
                            + "'.");
                }
                flags.rows.computeIfAbsent(tableColumn.substring(0, colon), table -> new LinkedHashMap<>())
                        .put(tableColumn.substring(colon + 1), value);
            });
        }
        if (accept != null) {
            flags.accept = new ArrayList<>();
            for (String text : accept) {
                String[] parts = text.split(":", 3);
                if (parts.length < 3) {
                    throw new UserError("Expecting --accept CODE:OBJECT:JUSTIFICATION, but was '" + text + "'.");
                }
                Settings.Acceptance acceptance = new Settings.Acceptance();
                acceptance.code = parts[0];
                acceptance.object = parts[1];
                acceptance.because = parts[2];
                flags.accept.add(acceptance);
            }
        }
        flags.failOn = failOn;
        flags.reportDir = ConfigFile.resolve(here, reportDir);
        flags.reports = reports;
        flags.jdbcUrl = jdbcUrl;
        flags.user = user;
        flags.password = System.getenv(passwordVariable);
        return flags;
    }
}
