package io.rlstestkit.spring;

import io.rlstestkit.Tenants;
import io.rlstestkit.guard.GuardedDataSource;
import io.rlstestkit.guard.TenantContextViolation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.UUID;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.catchThrowable;

/**
 * The guard on the application's data source through the client libraries that generate their SQL: Hibernate
 * (Spring Data JPA) and jOOQ, as Spring Boot configures them. A statement without the tenant fails and names the
 * application's frame behind the library's; the same statements with the tenant pass and see only that tenant.
 */
@SpringBootTest
@GuardedNotesTest
class ClientLibrariesTest {

    @Autowired
    JpaNotes jpa;
    @Autowired
    JooqNotes jooq;
    @Autowired
    DataSource dataSource;

    @Test
    void hibernateWithTheTenantPassesAndSeesOnlyThatTenant(Tenants tenants) {
        UUID a = (UUID) tenants.get("a").id();
        jpa.add(a, "added through JPA");

        assertThat(jpa.bodies(a)).containsExactly("seeded note of a", "added through JPA");
        assertThat(jpa.bodies((UUID) tenants.get("b").id())).containsExactly("seeded note of b");
    }

    /** Spring Data's repository proxy wraps an {@code Error} in a {@code RuntimeException}: the test fails with both. */
    @Test
    void hibernateWithoutTheTenantFailsAndNamesTheApplicationsFrame() throws SQLException {
        Throwable failure = catchThrowable(jpa::countForgettingTheTenant);

        assertThat(failure).isExactlyInstanceOf(RuntimeException.class).cause()
                .isInstanceOf(TenantContextViolation.class)
                .hasMessageMatching("(?s).*\n  select count\\(\\*\\) from notes \\w+\nran on public.notes without"
                        + " app.current_tenant_id set for its transaction\\..*")
                .hasMessageContaining("role: notes_user")
                .hasMessageContaining("issued by: io.rlstestkit.spring.JpaNotes.countForgettingTheTenant(");
        assertThat(dataSource.unwrap(GuardedDataSource.class).takeViolations()).hasSize(1);
    }

    @Test
    void jooqWithTheTenantPassesAndSeesOnlyThatTenant(Tenants tenants) {
        assertThat(jooq.bodies((UUID) tenants.get("a").id())).containsExactly("seeded note of a");
        assertThat(jooq.bodies((UUID) tenants.get("b").id())).containsExactly("seeded note of b");
    }

    @Test
    void jooqWithoutTheTenantFailsAndNamesTheApplicationsFrame() throws SQLException {
        Throwable failure = catchThrowable(jooq::countForgettingTheTenant);

        assertThat(failure).isInstanceOf(TenantContextViolation.class)
                .hasMessageContaining("  select count(*) from notes\nran on public.notes without"
                        + " app.current_tenant_id set for its transaction.")
                .hasMessageContaining("role: notes_user")
                .hasMessageContaining("issued by: io.rlstestkit.spring.JooqNotes.lambda$countForgettingTheTenant$");
        assertThat(dataSource.unwrap(GuardedDataSource.class).takeViolations()).hasSize(1);
    }
}
