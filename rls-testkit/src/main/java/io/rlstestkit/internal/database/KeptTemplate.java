package io.rlstestkit.internal.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster to keep as a template entry when it stops, and what it held when that was decided: its roles (roles
 * belong to the whole cluster, so a test that created or changed one would leave it in the entry). At the stop, the
 * kit's other databases (the tests' copies, other templates) are dropped; where the roles changed, nothing is kept.
 *
 * @param key        the template entry's key
 * @param template   the template database's name
 * @param properties what the entry records (the template's name, among others)
 * @param roles      the roles, with their attributes and memberships, when it was decided
 */
record KeptTemplate(String key, String template, Map<String, String> properties, String roles) {

    private static final String ROLES = "SELECT coalesce(string_agg(rolname || ' ' || rolsuper || rolinherit"
            + " || rolcreaterole || rolcreatedb || rolcanlogin || rolreplication || rolbypassrls, ',' ORDER BY"
            + " rolname), '') || ';' || (SELECT coalesce(string_agg(roleid::regrole || '>' || member::regrole, ','"
            + " ORDER BY 1), '') FROM pg_auth_members) FROM pg_roles";

    KeptTemplate {
        Map<String, String> all = new HashMap<>(properties);
        all.put("template", template);
        properties = Map.copyOf(all);
    }

    /** The roles of a server's cluster, with their attributes and memberships; {@code null} where unreadable. */
    static String roles(PostgresServer server) {
        synchronized (server) {
            try (Statement statement = server.admin().createStatement(); ResultSet rows = statement.executeQuery(ROLES)) {
                rows.next();
                return rows.getString(1);
            } catch (SQLException e) {
                return null;
            }
        }
    }

    /**
     * Before the stop: drops every other database of the kit's and checks the roles.
     *
     * @return whether the cluster may be kept
     */
    boolean prepare(PostgresServer server) {
        if (roles == null) {
            return false;
        }
        synchronized (server) {
            try {
                Connection admin = server.admin();
                List<String> others = new ArrayList<>();
                boolean found = false;
                try (Statement statement = admin.createStatement(); ResultSet rows = statement.executeQuery(
                        "SELECT datname FROM pg_database WHERE starts_with(datname, '"
                                + PostgresServer.DATABASE_PREFIX + "')")) {
                    while (rows.next()) {
                        if (rows.getString(1).equals(template)) {
                            found = true;
                        } else {
                            others.add(rows.getString(1));
                        }
                    }
                }
                for (String other : others) {
                    server.dropDatabase(other);
                }
                return found && roles.equals(roles(server));
            } catch (SQLException | RuntimeException e) {
                return false;
            }
        }
    }
}
