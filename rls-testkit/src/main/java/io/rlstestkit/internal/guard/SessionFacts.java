package io.rlstestkit.internal.guard;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What is in force on the application's connection for a statement, read in the statement's own transaction by one
 * query that changes nothing: the role, whether row-level security applies to it on each table, the tenant setting.
 *
 * @param role        the role in force ({@code current_user})
 * @param sessionUser the role that logged in
 * @param tenant      the tenant setting's value, {@code null} where unset or empty
 * @param superuser   whether the role is a superuser
 * @param bypassRls   whether the role has BYPASSRLS
 * @param bypassed    the tables on which row-level security does not apply to the role
 */
record SessionFacts(String role, String sessionUser, String tenant, boolean superuser, boolean bypassRls,
                    List<String> bypassed) {

    private static final String QUERY = "SELECT current_user::text, session_user::text, current_setting(?, true),"
            + " r.rolsuper, r.rolbypassrls, ARRAY(SELECT t.oid::regclass::text FROM unnest(?::oid[]) AS t(oid)"
            + " WHERE NOT row_security_active(t.oid)) FROM pg_roles r WHERE r.rolname = current_user";

    static SessionFacts read(Connection connection, String tenantSetting, List<StatementTables.RlsTable> tables)
            throws SQLException {
        StringBuilder oids = new StringBuilder("{");
        for (StatementTables.RlsTable table : tables) {
            oids.append(oids.length() > 1 ? "," : "").append(table.oid());
        }
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setString(1, tenantSetting);
            statement.setString(2, oids.append('}').toString());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                String tenant = row.getString(3);
                Array bypassed = row.getArray(6);
                return new SessionFacts(row.getString(1), row.getString(2),
                        tenant == null || tenant.isEmpty() ? null : tenant, row.getBoolean(4), row.getBoolean(5),
                        List.of((String[]) bypassed.getArray()));
            }
        }
    }

    /** Why the role bypasses row-level security. */
    String bypassReason() {
        if (superuser) {
            return "it is a superuser";
        }
        if (bypassRls) {
            return "it has BYPASSRLS";
        }
        return "it owns the table, whose row-level security is not forced (or row_security is off)";
    }
}
