package io.rlstestkit.examples.evf;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A background task / agent step (the document's {@code evf_compliance_agent}): it runs outside any request, for
 * the tenant it was given, in an {@link RlsEnforcedSession}, with the same role and the same per-transaction
 * tenant context as the request handlers. It reads the EVF and its documents and records a compliance check.
 */
public final class EvfComplianceTask {

    /** The operation name passed to the session runner and stored in {@code compliance_checks.operation}. */
    public static final String OPERATION = "evf_compliance_check";

    private final RlsEnforcedSession session;

    /**
     * Creates the task.
     *
     * @param session the session runner (shared with the request handlers in production)
     */
    public EvfComplianceTask(RlsEnforcedSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /**
     * Checks one EVF of the tenant and records the result.
     *
     * @param tenantId the tenant the task runs for (from the task's payload / the agent's state)
     * @param evfId    the EVF to check
     * @return the recorded check, or empty if the tenant does not see that EVF (another tenant's id)
     * @throws SQLException if a statement fails
     */
    public Optional<ComplianceCheck> check(UUID tenantId, UUID evfId) throws SQLException {
        return session.run(tenantId, OPERATION, connection -> {
            Optional<Evf> evf = EvfRepository.findEvf(connection, evfId);
            if (evf.isEmpty()) {
                return Optional.empty();
            }
            int documents;
            try (PreparedStatement statement =
                         connection.prepareStatement("SELECT count(*) FROM evf_documents WHERE evf_id = ?")) {
                statement.setObject(1, evfId);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    documents = rs.getInt(1);
                }
            }
            String status = documents > 0 ? "approved" : "pending";
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO compliance_checks (tenant_id, evf_id, operation, status) VALUES (?, ?, ?, ?)"
                            + " RETURNING id")) {
                statement.setObject(1, tenantId);
                statement.setObject(2, evfId);
                statement.setString(3, OPERATION);
                statement.setString(4, status);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return Optional.of(new ComplianceCheck(rs.getObject(1, UUID.class), evfId, status, documents));
                }
            }
        });
    }
}
