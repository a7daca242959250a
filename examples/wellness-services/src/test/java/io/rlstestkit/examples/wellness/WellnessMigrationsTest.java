package io.rlstestkit.examples.wellness;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsScope;
import io.rlstestkit.AsTenant;
import io.rlstestkit.AsWorker;
import io.rlstestkit.MigrationRoundTrip;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * Issues 1, 2 and 4 of the review: the schema must come from versioned migrations alone, one location per service
 * (practices and users included, which had none), and never from {@code metadata.create_all()} at a service's
 * start-up. The kit migrates the six locations with Flyway into one database and nothing else creates a table.
 */
class WellnessMigrationsTest {

    @RegisterExtension
    static final RlsExtension RLS = WellnessKit.kit().build();

    /** Each service's location and the versions it holds: script 03 (majors 1 to 6), then script 04 (major 7). */
    private static final Map<String, List<String>> VERSIONS_BY_LOCATION = Map.of(
            "public", List.of("1.1", "7.1", "7.7", "7.8"),
            "users", List.of("2.1"),
            "habits", List.of("3.1", "3.2", "7.3"),
            "meals", List.of("4.1", "4.2", "7.4"),
            "movements", List.of("5.1", "7.5"),
            "practices", List.of("6.1", "7.6"));

    private static final String SERVICE_TABLES = "select n.nspname || '.' || c.relname as name,"
            + " pg_get_userbyid(c.relowner) as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " where c.relkind in ('r', 'p') and n.nspname in"
            + " ('public', 'users', 'habits', 'meals', 'movements', 'practices') order by 1";

    @Test
    void flywaysHistoryListsTheVersionsOfEveryServicesLocation(@AsOwner RlsSession owner) {
        List<Map<String, Object>> history = owner.query("select version, script, success from flyway_schema_history"
                + " where version is not null order by installed_rank");
        assertThat(history).extracting(row -> row.get("success")).containsOnly(true);
        assertThat(history).extracting(row -> row.get("version")).containsExactly(
                "1.1", "2.1", "3.1", "3.2", "4.1", "4.2", "5.1", "6.1", "7.1", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8");
        Map<String, List<Object>> applied = history.stream().collect(Collectors.groupingBy(
                row -> locationOf((String) row.get("script")), TreeMap::new,
                Collectors.mapping(row -> row.get("version"), Collectors.toList())));
        assertThat(applied).isEqualTo(new TreeMap<>(VERSIONS_BY_LOCATION));
    }

    @Test
    void everyTableOfTheServicesWasCreatedByTheMigrationsAndBelongsToTheirOwner(@AsOwner RlsSession owner) {
        String migrator = (String) owner.query("select current_user as name").get(0).get("name");
        List<Map<String, Object>> tables = owner.query(SERVICE_TABLES);
        assertThat(tables).extracting(row -> row.get("name")).containsExactly(
                "habits.habits", "habits.program_templates", "meals.meals", "movements.movements",
                "practices.practice_instances", "public.flyway_schema_history", "public.journal_entries",
                "public.vouchers", "users.user_roles", "users.users");
        // A table that a service's create_all() made at start-up would belong to the role the service connects as.
        assertThat(tables).extracting(row -> row.get("owner")).containsOnly(migrator);
    }

    @Test
    void noServiceCanCreateTablesAtStartUp(@AsWorker RlsSession serviceRole, @AsTenant("a") RlsSession user,
                                           @AsScope("anon") RlsSession anon) {
        // What create_all() would run, with the service's or the client's credentials: refused, not a silent drift.
        for (RlsSession session : List.of(serviceRole, user, anon)) {
            assertThat(session).execute("create table practices.practice_templates (id uuid primary key)")
                    .isPermissionDenied();
            assertThat(session).execute("create table public.agent_sessions (id uuid primary key)")
                    .isPermissionDenied();
            assertThat(session).execute("create schema if not exists practices_v2").isPermissionDenied();
        }
    }

    private static String locationOf(String script) {
        List<String> holding = WellnessKit.LOCATIONS.stream()
                .map(location -> location.substring("classpath:".length()))
                .filter(folder -> WellnessMigrationsTest.class.getClassLoader().getResource(folder + "/" + script) != null)
                .toList();
        assertThat(holding).as("the locations that hold %s", script).hasSize(1);
        return holding.get(0).substring(holding.get(0).lastIndexOf('/') + 1);
    }

    @Test
    void everyServicesMigrationsCanBeRolledBackAndAppliedAgain(MigrationRoundTrip roundTrip) {
        // The review's "can roll back any deployment", across the six locations in one history.
        roundTrip.assertEveryStepReversible();
        roundTrip.assertFlywayValid();
    }
}
