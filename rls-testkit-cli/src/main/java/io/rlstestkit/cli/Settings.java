package io.rlstestkit.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a check runs on: the fields of {@code rls-testkit.yaml}, each also a flag of {@code check}. A field left
 * {@code null} takes the kit's default. Read by {@link ConfigFile}, overridden by the flags, then resolved against the
 * directories they are relative to.
 */
public final class Settings {

    /** A named scope: a role and settings, some of them set to the tenant's id. */
    public static final class Scope {
        public String role;
        public Map<String, String> settings = new LinkedHashMap<>();
        public List<String> tenantSettings = new ArrayList<>();
    }

    /** A finding that is by design, with why. */
    public static final class Acceptance {
        public String code;
        public String object;
        public String because;
    }

    /** The folder of migrations. */
    public String migrations;
    /** How the folder is laid out: {@code auto} (the default: as the kit detects it), or a format's name. */
    public String format;
    public List<String> schemas;
    public String tenantColumn;
    /** Per table: the column that holds the tenant id there. */
    public Map<String, String> tenantColumns;
    /**
     * Per table: the SQL expression over its columns that gives its tenant, where no column holds the tenant id as it
     * is ({@code storage.objects: (storage.foldername(name))[1]}); compared, as text, with the tenant's id.
     */
    public Map<String, String> tenantExpressions;
    public String tenantRole;
    public String tenantSetting;
    /** Further settings of the tenant scopes, set to the tenant's id. */
    public List<String> tenantSettings;
    public Boolean supabase;
    public List<String> tenants;
    public String workerRole;
    public Map<String, String> workerSettings;
    public Map<String, Scope> scopes;
    /** Roles created (NOLOGIN) before migrating, for migrations that grant to roles made elsewhere. */
    public List<String> roles;
    public String seed;
    /**
     * Per table: values for columns of the rows the deny matrix inserts, where the columns it fills itself do not pass
     * the table's constraints ({@code accounts: {personal_account: "true"}}); {@code ${tenant.id}} and
     * {@code ${tenant.key}} are replaced by the inserting row's tenant.
     */
    public Map<String, Map<String, String>> rows;
    /** Tables the deny matrix leaves out ({@code audit_logs}), or one command of one ({@code audit_logs:INSERT}). */
    public List<String> exclude;
    public List<Acceptance> accept;
    public String failOn;
    public String reportDir;
    /** Reports written to {@link #reportDir}: {@code junit}, {@code sarif}, {@code markdown}, {@code json}. */
    public List<String> reports;
    /** An existing server: the kit creates a database of its own there, and drops it. */
    public String jdbcUrl;
    public String user;
    /** Never in the file: from the environment variable {@code --password-env} names. */
    @JsonIgnore
    public String password;

    /** This, with each field that {@code over} sets taken from it. */
    Settings overriddenBy(Settings over) {
        Settings merged = new Settings();
        for (java.lang.reflect.Field field : Settings.class.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            try {
                Object value = field.get(over);
                field.set(merged, value != null ? value : field.get(this));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return merged;
    }
}
