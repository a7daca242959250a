package io.rlstestkit.examples.wellness;

import io.rlstestkit.RlsExtension;

import java.util.List;

/**
 * How the wellness services' tests use the kit: the Supabase preset (users are the tenants, {@code authenticated}
 * with the user's JWT claims, {@code service_role} as the worker, {@code anon}), then every service's own Flyway
 * location, migrated together into one database, and the per-user seed.
 */
final class WellnessKit {

    /** One Flyway location per schema, as each service keeps its own migrations. */
    static final List<String> LOCATIONS = List.of(
            "classpath:db/migration/public",
            "classpath:db/migration/users",
            "classpath:db/migration/habits",
            "classpath:db/migration/meals",
            "classpath:db/migration/movements",
            "classpath:db/migration/practices");

    /** The tables with row-level security: every user's own rows, by {@code user_id = auth.uid()}. */
    static final List<String> USER_TABLES = List.of(
            "public.journal_entries",
            "public.vouchers",
            "habits.habits",
            "meals.meals",
            "movements.movements",
            "practices.practice_instances");

    private WellnessKit() {
    }

    /** The configuration every test class of the example starts from. */
    static RlsExtension.Builder kit() {
        return RlsExtension.configure()
                .supabase()
                .migrations(LOCATIONS.toArray(String[]::new))
                .seed("classpath:db/seed/tenant.sql")
                .tenantColumn("user_id");
    }
}
