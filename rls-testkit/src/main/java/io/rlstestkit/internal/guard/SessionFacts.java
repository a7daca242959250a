package io.rlstestkit.internal.guard;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What is in force on the application's connection for a statement, read in the statement's own transaction by one
 * query that changes nothing: the role, the tenant setting, and on which of the statement's tables row-level security
 * does not apply to the role.
 *
 * @param role        the role in force ({@code current_user})
 * @param sessionUser the role that logged in
 * @param tenant      the tenant setting's value, {@code null} where unset or empty
 * @param asked       the oids of the tables asked about
 * @param bypassed    the oids of those on which row-level security does not apply to the role
 */
record SessionFacts(String role, String sessionUser, String tenant, Set<Long> asked, Set<Long> bypassed) {

    private static final String QUERY = "SELECT current_user::text, session_user::text, current_setting(?, true),"
            + " ARRAY(SELECT t.oid::int8 FROM unnest(?::oid[]) AS t(oid) WHERE NOT row_security_active(t.oid))";
    private static final String BYPASS = "SELECT r.rolsuper, r.rolbypassrls, ARRAY(SELECT t.oid::regclass::text"
            + " FROM unnest(?::oid[]) AS t(oid)) FROM pg_roles r WHERE r.rolname = current_user";

    static SessionFacts read(Connection connection, String tenantSetting, List<StatementTables.RlsTable> tables)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setString(1, tenantSetting);
            statement.setString(2, oids(tables));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                String tenant = row.getString(3);
                Array bypassed = row.getArray(4);
                Set<Long> asked = new HashSet<>();
                tables.forEach(table -> asked.add(table.oid()));
                return new SessionFacts(row.getString(1), row.getString(2),
                        tenant == null || tenant.isEmpty() ? null : tenant, Set.copyOf(asked),
                        Set.of((Long[]) bypassed.getArray()));
            }
        }
    }

    /** Whether these facts say something about each of the tables. */
    boolean cover(List<StatementTables.RlsTable> tables) {
        return tables.stream().allMatch(table -> asked.contains(table.oid()));
    }

    /** The tables on which row-level security does not apply to the role. */
    List<StatementTables.RlsTable> bypassedOf(List<StatementTables.RlsTable> tables) {
        return tables.stream().filter(table -> bypassed.contains(table.oid())).toList();
    }

    /** The facts read later in the same transaction, with what these knew of other tables. */
    SessionFacts and(SessionFacts later) {
        Set<Long> allAsked = new HashSet<>(asked);
        allAsked.addAll(later.asked);
        Set<Long> allBypassed = new HashSet<>(bypassed);
        allBypassed.removeAll(later.asked);
        allBypassed.addAll(later.bypassed);
        return new SessionFacts(later.role, later.sessionUser, later.tenant, Set.copyOf(allAsked),
                Set.copyOf(allBypassed));
    }

    /**
     * The tables as PostgreSQL names them on the connection's search path, and why the role bypasses row-level
     * security on them, as {@code "invoices: it is a superuser"}: asked only for a violation, in the statement's
     * transaction, as the facts were.
     */
    static String bypass(Connection connection, List<StatementTables.RlsTable> tables) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(BYPASS)) {
            statement.setString(1, oids(tables));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                String names = String.join(", ", (String[]) row.getArray(3).getArray());
                if (row.getBoolean(1)) {
                    return names + ": it is a superuser";
                }
                if (row.getBoolean(2)) {
                    return names + ": it has BYPASSRLS";
                }
                return names + ": it owns the table, whose row-level security is not forced (or row_security is off)";
            }
        }
    }

    private static String oids(List<StatementTables.RlsTable> tables) {
        StringBuilder oids = new StringBuilder("{");
        for (StatementTables.RlsTable table : tables) {
            oids.append(oids.length() > 1 ? "," : "").append(table.oid());
        }
        return oids.append('}').toString();
    }
}
