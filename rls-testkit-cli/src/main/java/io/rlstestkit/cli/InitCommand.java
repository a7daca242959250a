package io.rlstestkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code init}: migrates the folder, reads the roles and settings its policies use, and writes a commented
 * {@code rls-testkit.yaml} (and its JSON schema beside it, for editors).
 */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Migrates the folder and writes a commented rls-testkit.yaml from what its policies use.")
final class InitCommand implements Callable<Integer> {

    static final String SCHEMA = "rls-testkit.schema.json";

    @Mixin
    SettingsOptions options;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write it. Default: rls-testkit.yaml.")
    Path output = Path.of(ConfigFile.NAME);

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(output) && !force) {
            throw new UserError("Expecting no file at " + output + ", but there is one.\nPass --force to overwrite"
                    + " it, or --output FILE to write elsewhere.");
        }
        Settings settings = options.settings();
        Path folder = output.toAbsolutePath().getParent();
        PolicyCatalog.Facts facts = KitRun.catalog(settings, Reports.display(Path.of(settings.migrations)));
        Files.createDirectories(folder);
        Files.writeString(output, text(settings, facts, folder));
        try (InputStream schema = InitCommand.class.getResourceAsStream("/" + SCHEMA)) {
            Files.write(folder.resolve(SCHEMA), schema.readAllBytes());
        }
        spec.commandLine().getOut().println("Wrote " + Reports.display(output) + " (" + facts.tables().size()
                + " tables with row-level security, policy roles " + facts.policyRoles() + ", settings "
                + facts.settings() + "); check it, then run: rls-testkit check");
        return CheckResult.PROVED;
    }

    static String text(Settings settings, PolicyCatalog.Facts facts, Path folder) {
        boolean supabase = Boolean.TRUE.equals(settings.supabase);
        // what init was given wins over what it reads; the Supabase preset knows its roles and claims itself
        String tenantRole = settings.tenantRole != null ? settings.tenantRole : supabase ? null
                : first(facts.policyRoles().stream().filter(role -> !facts.bypassRoles().contains(role)).toList());
        String tenantSetting = settings.tenantSetting != null ? settings.tenantSetting : supabase ? null
                : facts.settings().stream().filter(name -> name.contains("tenant")).findFirst()
                .orElse(first(facts.settings()));
        String workerRole = settings.workerRole != null ? settings.workerRole : first(facts.bypassRoles());
        String tenantColumn = settings.tenantColumn != null ? settings.tenantColumn
                : facts.tenantColumn() != null ? facts.tenantColumn() : "tenant_id";
        StringBuilder yaml = new StringBuilder();
        yaml.append("# yaml-language-server: $schema=./").append(SCHEMA).append("\n");
        yaml.append("# rls-testkit configuration, written by 'rls-testkit init' from the migrated catalog.\n");
        yaml.append("# Every field is also a flag of 'rls-testkit check' (tenantRole: --tenant-role); a flag wins.\n");
        yaml.append("# Tables with row-level security: ").append(String.join(", ", facts.tables())).append("\n\n");
        yaml.append("# The folder of migrations, relative to this file.\n");
        yaml.append("migrations: ").append(quote(folder.relativize(Path.of(settings.migrations)).toString()
                .replace('\\', '/'))).append("\n");
        yaml.append("# How it is laid out: auto (as the kit detects it) or a format's name.\nformat: ")
                .append(settings.format == null ? "auto" : quote(settings.format)).append("\n\n");
        yaml.append("# The column that holds the tenant id (the column the policies compare most often).\n");
        yaml.append(line("tenantColumn", tenantColumn));
        yaml.append("# Tables whose tenant no column holds as it is: the SQL expression that gives it, compared as text.\n");
        yaml.append(tenantExpressions(settings, facts)).append("\n");
        yaml.append("# The role of the tenant scopes. Roles the policies are for: ")
                .append(String.join(", ", facts.policyRoles())).append("\n");
        if (supabase) {
            yaml.append("# The Supabase preset: its roles, auth.uid() and JWT claims.\nsupabase: true\n\n");
        }
        yaml.append(line("tenantRole", tenantRole));
        yaml.append("# The setting that carries the tenant id. Settings the policies read: ")
                .append(String.join(", ", facts.settings())).append("\n");
        yaml.append(line("tenantSetting", tenantSetting));
        yaml.append("# The tenants to seed: keys, or key=id.\ntenants: [").append(String.join(", ",
                Optional.ofNullable(settings.tenants).orElse(List.of("a", "b")).stream().map(InitCommand::quote)
                        .toList())).append("]\n\n");
        yaml.append("# The role of the worker scope (roles with BYPASSRLS: ")
                .append(String.join(", ", facts.bypassRoles())).append(").\n");
        yaml.append(line("workerRole", workerRole));
        yaml.append("# workerSettings: {app.role: worker}\n");
        yaml.append("# Named scopes: a role, constant settings, settings set to the tenant id.\n");
        yaml.append("# scopes:\n#   webhook: {role: app_user, tenantSettings: [app.current_installation_id]}\n\n");
        yaml.append("# Roles to create before migrating, for migrations that grant to roles made elsewhere.\n");
        yaml.append(settings.roles == null || settings.roles.isEmpty() ? "# roles: [app_user]\n"
                : "roles: [" + String.join(", ", settings.roles.stream().map(InitCommand::quote).toList()) + "]\n");
        yaml.append("# The role the migrations run as, which then owns the tables: the tenant role too where the"
                + " application connects as its tables' owner, with FORCE ROW LEVEL SECURITY on each.\n");
        yaml.append(settings.ownerRole == null ? "# ownerRole: app_owner\n" : "ownerRole: " + quote(settings.ownerRole)
                + "\n");
        yaml.append("# SQL run once per tenant as the owner; ${tenant.id} and ${tenant.key} are replaced.\n");
        yaml.append(settings.seed != null ? "seed: " + quote(folder.relativize(Path.of(settings.seed)).toString()
                .replace('\\', '/')) + "\n" : "# seed: db/seed.sql\n");
        yaml.append("\n# Tables (or table:COMMAND) the deny matrix leaves out.\n# exclude: [audit_logs:INSERT]\n");
        yaml.append("# Findings that are by design, with why.\n# accept:\n#   - code: RLS_NOT_FORCED\n"
                + "#     object: public.invoices\n#     because: the owner role never serves requests\n\n");
        yaml.append("# The mildest finding that fails the check: error, warning or info.\nfailOn: error\n");
        yaml.append("# Where to write the reports (junit, sarif, markdown, json).\nreportDir: build/rls-testkit\n");
        Map<String, Object> given = given(settings);
        if (!given.isEmpty()) {
            yaml.append("\n# Given to init as flags.\n").append(yaml(given));
        }
        return yaml.toString();
    }

    /**
     * The {@code tenantExpressions} lines: those init was given, then, for each other table whose policies compare no
     * column as it is, the one expression they compare with a setting or a claim; a commented line to fill in where
     * they compare none, or several.
     */
    private static String tenantExpressions(Settings settings, PolicyCatalog.Facts facts) {
        Map<String, String> expressions = new LinkedHashMap<>(Optional.ofNullable(settings.tenantExpressions)
                .orElse(Map.of()));
        Map<String, String> unread = new LinkedHashMap<>();
        facts.expressionTables().forEach((table, read) -> {
            if (given(settings.tenantExpressions, table) || given(settings.tenantColumns, table)) {
                return;
            }
            if (read.size() == 1) {
                expressions.put(table, read.iterator().next());
            } else {
                unread.put(table, read.isEmpty() ? "nor an expression of its columns with a setting or a claim"
                        : "but several expressions with a setting or a claim (" + String.join("; ", read) + ")");
            }
        });
        StringBuilder lines = new StringBuilder();
        if (!expressions.isEmpty()) {
            lines.append("# Read from the policies, which compare each with the tenant's identity.\n");
        }
        unread.forEach((table, why) -> lines.append("# The policies of ").append(table).append(" compare no column as"
                + " it is, ").append(why).append(": give its tenant below, its column in tenantColumns, or leave it out"
                + " where it reaches its tenant through a foreign key.\n"));
        if (expressions.isEmpty() && unread.isEmpty()) {
            return lines.append("# tenantExpressions: {uploads: \"split_part(path, '/', 1)\"}\n").toString();
        }
        lines.append(expressions.isEmpty() ? "# tenantExpressions:\n" : "tenantExpressions:\n");
        expressions.forEach((table, expression) -> lines.append("  ").append(quote(table)).append(": ")
                .append(quote(expression)).append("\n"));
        unread.keySet().forEach(table -> lines.append("#   ").append(quote(table)).append(": \"\"\n"));
        return lines.toString();
    }

    /** Whether a map of the configuration names a table, schema-qualified or not. */
    private static boolean given(Map<String, String> byTable, String table) {
        return byTable != null && (byTable.containsKey(table)
                || byTable.containsKey(table.substring(table.indexOf('.') + 1)));
    }

    /** The fields init was given as flags that the lines above do not write. */
    private static Map<String, Object> given(Settings settings) {
        Map<String, Object> given = new LinkedHashMap<>();
        Optional.ofNullable(settings.schemas).ifPresent(value -> given.put("schemas", value));
        Optional.ofNullable(settings.tenantColumns).ifPresent(value -> given.put("tenantColumns", value));
        Optional.ofNullable(settings.tenantSettings).ifPresent(value -> given.put("tenantSettings", value));
        Optional.ofNullable(settings.workerSettings).ifPresent(value -> given.put("workerSettings", value));
        Optional.ofNullable(settings.scopes).ifPresent(value -> given.put("scopes", value));
        Optional.ofNullable(settings.exclude).ifPresent(value -> given.put("exclude", value));
        Optional.ofNullable(settings.rows).ifPresent(value -> given.put("rows", value));
        Optional.ofNullable(settings.accept).ifPresent(value -> given.put("accept", value));
        return given;
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private static String yaml(Map<String, Object> values) {
        try {
            return YAML.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    private static String line(String field, String value) {
        return value == null ? "# " + field + ": \n\n" : field + ": " + quote(value) + "\n\n";
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
