package io.rlstestkit.internal.environment;

import io.rlstestkit.internal.catalog.TableInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the kit read of a template's catalog when it made the template, kept with a template entry so that a run that
 * starts from the entry need not read it again: the tenant column's type (which gives the tenants' ids), the settings
 * the schema reads, and the tables with row-level security. The entry's database is the one read, stopped: it holds
 * the same catalog.
 *
 * @param tenantType   the type the tenants' ids were given
 * @param settingsRead the settings the policies and functions read, each with the first place that reads it
 * @param rlsTables    the tables with row-level security that the kit covers
 */
record KeptCatalog(String tenantType, Map<String, String> settingsRead, List<TableInfo> rlsTables) {

    private static final String TENANT_TYPE = "catalog.tenant-type";
    private static final String SETTINGS = "catalog.settings";
    private static final String TABLES = "catalog.tables";

    /** The properties to keep with the entry. */
    Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(TENANT_TYPE, tenantType);
        properties.put(SETTINGS, String.valueOf(settingsRead.size()));
        int i = 0;
        for (Map.Entry<String, String> setting : settingsRead.entrySet()) {
            properties.put(SETTINGS + "." + i + ".name", setting.getKey());
            properties.put(SETTINGS + "." + i + ".where", setting.getValue());
            i++;
        }
        properties.put(TABLES, String.valueOf(rlsTables.size()));
        for (int t = 0; t < rlsTables.size(); t++) {
            TableInfo table = rlsTables.get(t);
            String prefix = TABLES + "." + t + ".";
            properties.put(prefix + "oid", String.valueOf(table.oid()));
            properties.put(prefix + "schema", table.schema());
            properties.put(prefix + "name", table.name());
            properties.put(prefix + "owner", table.owner());
            properties.put(prefix + "flags", (table.rlsEnabled() ? "e" : "") + (table.rlsForced() ? "f" : "")
                    + (table.partitioned() ? "p" : ""));
        }
        return properties;
    }

    /** What an entry kept; {@code null} where its properties do not hold all of it. */
    static KeptCatalog of(Properties properties) {
        try {
            String tenantType = properties.getProperty(TENANT_TYPE);
            int settings = Integer.parseInt(properties.getProperty(SETTINGS));
            int tables = Integer.parseInt(properties.getProperty(TABLES));
            if (tenantType == null) {
                return null;
            }
            Map<String, String> settingsRead = new LinkedHashMap<>();
            for (int i = 0; i < settings; i++) {
                settingsRead.put(required(properties, SETTINGS + "." + i + ".name"),
                        required(properties, SETTINGS + "." + i + ".where"));
            }
            List<TableInfo> rlsTables = new ArrayList<>();
            for (int t = 0; t < tables; t++) {
                String prefix = TABLES + "." + t + ".";
                String flags = required(properties, prefix + "flags");
                rlsTables.add(new TableInfo(Long.parseLong(required(properties, prefix + "oid")),
                        required(properties, prefix + "schema"), required(properties, prefix + "name"),
                        required(properties, prefix + "owner"), flags.contains("e"), flags.contains("f"),
                        flags.contains("p")));
            }
            return new KeptCatalog(tenantType, settingsRead, List.copyOf(rlsTables));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static String required(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name);
        }
        return value;
    }
}
