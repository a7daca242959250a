package io.rlstestkit.examples.wellness;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsTenant;
import io.rlstestkit.AsWorker;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * Issue 3 of the review, "RLS vs service-level RBAC": the services connect with the {@code SERVICE_ROLE} key, which
 * bypasses row-level security, so the service's own code is the only thing between a user and another user's data.
 * The practices service's data access runs here on a connection of the kit's {@code service_role} session (the
 * worker), and, for contrast, on one of a signed-in user's session.
 */
class PracticeServiceTest {

    @RegisterExtension
    static final RlsExtension RLS = WellnessKit.kit().build();

    private final PracticeService service = new PracticeService();
    private String a;
    private String b;
    private UUID practiceOfB;

    @BeforeEach
    void users(Tenants tenants, @AsOwner RlsSession owner) {
        a = tenants.get("a").id().toString();
        b = tenants.get("b").id().toString();
        practiceOfB = (UUID) owner.query("select md5(? || ':practice1')::uuid as id", b).get(0).get("id");
    }

    @Test
    void issue31TheServiceRoleReturnsEveryUsersPracticesWhenTheQueryForgetsTheUserFilter(
            @AsWorker RlsSession serviceRole) throws SQLException {
        // By design of service_role: it has BYPASSRLS, so the policy "Users can view own practices" is never
        // consulted (not, as the review has it, because auth.uid() is NULL). RLS does not save you here: the query
        // has no WHERE user_id = ?, and every user's practices come back. The test asserts the breach itself.
        assertThat(serviceRole.description()).endsWith("a role with BYPASSRLS: bypasses row-level security by design");
        try (Connection connection = serviceRole.connection()) {
            assertThat(service.allPractices(connection))
                    .hasSize(4)
                    .extracting(PracticeInstance::userId)
                    .containsOnly(a, b);
        }
    }

    @Test
    void theFixOfIssue31FiltersByTheUserItself(@AsWorker RlsSession serviceRole) throws SQLException {
        try (Connection connection = serviceRole.connection()) {
            assertThat(service.practicesOf(connection, UUID.fromString(a)))
                    .hasSize(2)
                    .extracting(PracticeInstance::userId)
                    .containsOnly(a);
        }
    }

    @Test
    void issue32TheServiceRoleReturnsAnotherUsersPracticeByIdWithoutAnOwnershipCheck(
            @AsWorker RlsSession serviceRole) throws SQLException {
        // User a asks for b's practice id; the service looks it up as service_role, so RLS is bypassed and b's
        // practice, with b's private notes, comes back to a.
        try (Connection connection = serviceRole.connection()) {
            assertThat(service.practice(connection, practiceOfB))
                    .get()
                    .extracting(PracticeInstance::userId)
                    .isEqualTo(b);
        }
    }

    @Test
    void theFixOfIssue32ChecksOwnership(@AsWorker RlsSession serviceRole) throws SQLException {
        try (Connection connection = serviceRole.connection()) {
            assertThat(service.practiceOwnedBy(connection, practiceOfB, UUID.fromString(a))).isEmpty();
            assertThat(service.practiceOwnedBy(connection, practiceOfB, UUID.fromString(b))).isPresent();
        }
    }

    @Test
    void asTheSignedInUserRowLevelSecurityContainsBothBugs(@AsTenant("a") RlsSession userA) throws SQLException {
        // The defence in depth the service role gives up: with the user's own JWT the same buggy code is harmless.
        try (Connection connection = userA.connection()) {
            assertThat(service.allPractices(connection))
                    .hasSize(2)
                    .extracting(PracticeInstance::userId)
                    .containsOnly(a);
            assertThat(service.practice(connection, practiceOfB)).isEmpty();
        }
    }
}
