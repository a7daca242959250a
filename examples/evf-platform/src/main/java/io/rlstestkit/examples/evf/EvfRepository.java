package io.rlstestkit.examples.evf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The EVF data access of the request handlers ({@code get_db_with_tenant}): every method is one transaction with
 * the tenant context set, run through {@link RlsEnforcedSession}. The queries themselves do not filter by tenant:
 * row-level security does, which is the point.
 */
public final class EvfRepository {

    private static final String COLUMNS = "id, tenant_id, name, status";

    private final RlsEnforcedSession session;

    /**
     * A repository with the correct, transaction-local tenant context.
     *
     * @param dataSource where connections come from; must log in as a role subject to RLS ({@code evf_app})
     */
    public EvfRepository(DataSource dataSource) {
        this(dataSource, new TransactionLocalTenantContext());
    }

    /**
     * A repository with the given tenant context (a test passes {@link SessionLevelTenantContext} to show the
     * pool leak).
     *
     * @param dataSource    where connections come from; must log in as a role subject to RLS ({@code evf_app})
     * @param tenantContext how the tenant is set
     */
    public EvfRepository(DataSource dataSource, TenantContext tenantContext) {
        this(new RlsEnforcedSession(dataSource, tenantContext));
    }

    /**
     * A repository on an existing session runner.
     *
     * @param session the session runner
     */
    public EvfRepository(RlsEnforcedSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /**
     * The tenant's EVFs (all of them: RLS does the filtering), by name.
     *
     * @param tenantId the tenant
     * @return the EVFs the tenant sees
     * @throws SQLException if the query fails
     */
    public List<Evf> listEvfs(UUID tenantId) throws SQLException {
        return session.run(tenantId, "list_evfs", connection -> {
            try (PreparedStatement statement =
                         connection.prepareStatement("SELECT " + COLUMNS + " FROM evf ORDER BY name, id")) {
                return read(statement);
            }
        });
    }

    /**
     * Creates a draft EVF for the tenant.
     *
     * @param tenantId the tenant
     * @param name     the EVF's name
     * @return the created EVF
     * @throws SQLException if the insert fails (for example a row-level security violation)
     */
    public Evf createEvf(UUID tenantId, String name) throws SQLException {
        Objects.requireNonNull(name, "name");
        return session.run(tenantId, "create_evf", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO evf (tenant_id, name) VALUES (?, ?) RETURNING " + COLUMNS)) {
                statement.setObject(1, tenantId);
                statement.setString(2, name);
                return read(statement).get(0);
            }
        });
    }

    /**
     * One EVF by id, if the tenant sees it. Another tenant's EVF is not found, exactly like a missing one.
     *
     * @param tenantId the tenant
     * @param evfId    the EVF's id
     * @return the EVF, or empty
     * @throws SQLException if the query fails
     */
    public Optional<Evf> findEvf(UUID tenantId, UUID evfId) throws SQLException {
        return session.run(tenantId, "find_evf", connection -> findEvf(connection, evfId));
    }

    /**
     * Renames an EVF of the tenant.
     *
     * @param tenantId the tenant
     * @param evfId    the EVF's id
     * @param name     the new name
     * @return whether a row was updated (false for another tenant's EVF)
     * @throws SQLException if the update fails
     */
    public boolean renameEvf(UUID tenantId, UUID evfId, String name) throws SQLException {
        return session.run(tenantId, "rename_evf", connection -> {
            try (PreparedStatement statement =
                         connection.prepareStatement("UPDATE evf SET name = ?, updated_at = now() WHERE id = ?")) {
                statement.setString(1, name);
                statement.setObject(2, evfId);
                return statement.executeUpdate() == 1;
            }
        });
    }

    static Optional<Evf> findEvf(Connection connection, UUID evfId) throws SQLException {
        try (PreparedStatement statement =
                     connection.prepareStatement("SELECT " + COLUMNS + " FROM evf WHERE id = ?")) {
            statement.setObject(1, evfId);
            return read(statement).stream().findFirst();
        }
    }

    private static List<Evf> read(PreparedStatement statement) throws SQLException {
        List<Evf> evfs = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                evfs.add(new Evf(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                        rs.getString("name"), rs.getString("status")));
            }
        }
        return evfs;
    }
}
