package io.rlstestkit.examples.wellness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The practices service's data access, as the wellness services write it: plain JDBC on a connection the caller
 * provides. In production that connection uses the {@code service_role} key, which has {@code BYPASSRLS}: row-level
 * security does not filter anything, and the service must filter by user itself.
 *
 * <p>Two methods reproduce the bugs of the document's "RLS vs service-level RBAC" review on purpose:
 * <ul>
 *   <li>{@link #allPractices(Connection)}: Issue 3.1, a query without {@code WHERE user_id = ...};</li>
 *   <li>{@link #practice(Connection, UUID)}: Issue 3.2, a lookup by id without an ownership check.</li>
 * </ul>
 * Run as {@code service_role} they return other users' practices; run as {@code authenticated} with a JWT whose
 * {@code sub} is a user, row-level security limits them to that user's rows, which is the defence in depth the
 * document expects from RLS and which the service role gives up. {@link #practicesOf(Connection, UUID)} and
 * {@link #practiceOwnedBy(Connection, UUID, UUID)} are the fixes.
 */
public final class PracticeService {

    private static final String COLUMNS =
            "id, user_id, practice_name, scheduled_for, completed_at, notes FROM practices.practice_instances";

    /** Creates the service; it holds no state. */
    public PracticeService() {
    }

    /**
     * The correct query: the practices of one user, filtered by the service itself.
     *
     * @param connection the connection to use (typically as {@code service_role})
     * @param userId     the user whose practices to return
     * @return the user's practices, oldest first
     * @throws SQLException if the query fails
     */
    public List<PracticeInstance> practicesOf(Connection connection, UUID userId) throws SQLException {
        Objects.requireNonNull(userId, "userId");
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + COLUMNS + " WHERE user_id = ? ORDER BY created_at, id")) {
            statement.setString(1, userId.toString());
            return list(statement);
        }
    }

    /**
     * BAD, on purpose (Issue 3.1 of the document): every practice, with no user filter. As {@code service_role}
     * this returns all users' practices.
     *
     * @param connection the connection to use
     * @return every practice the connection's role may see
     * @throws SQLException if the query fails
     */
    public List<PracticeInstance> allPractices(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + COLUMNS + " ORDER BY created_at, id")) {
            return list(statement);
        }
    }

    /**
     * BAD, on purpose (Issue 3.2 of the document): a practice by id, without checking who owns it. As
     * {@code service_role} user A gets user B's practice by asking for its id.
     *
     * @param connection the connection to use
     * @param practiceId the practice's id
     * @return the practice, whoever owns it, if the connection's role may see it
     * @throws SQLException if the query fails
     */
    public Optional<PracticeInstance> practice(Connection connection, UUID practiceId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " WHERE id = ?")) {
            statement.setObject(1, practiceId);
            return list(statement).stream().findFirst();
        }
    }

    /**
     * The fix of Issue 3.2: a practice by id, only if it belongs to the given user.
     *
     * @param connection the connection to use
     * @param practiceId the practice's id
     * @param userId     the user making the request
     * @return the practice if it exists and belongs to {@code userId}, else empty
     * @throws SQLException if the query fails
     */
    public Optional<PracticeInstance> practiceOwnedBy(Connection connection, UUID practiceId, UUID userId)
            throws SQLException {
        Objects.requireNonNull(userId, "userId");
        return practice(connection, practiceId).filter(p -> p.userId().equals(userId.toString()));
    }

    private static List<PracticeInstance> list(PreparedStatement statement) throws SQLException {
        List<PracticeInstance> practices = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                practices.add(new PracticeInstance(
                        rs.getObject("id", UUID.class),
                        rs.getString("user_id"),
                        rs.getString("practice_name"),
                        rs.getObject("scheduled_for", java.time.LocalDate.class),
                        rs.getObject("completed_at", java.time.OffsetDateTime.class),
                        rs.getString("notes")));
            }
        }
        return practices;
    }
}
