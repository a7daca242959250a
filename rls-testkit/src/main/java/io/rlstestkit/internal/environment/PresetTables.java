package io.rlstestkit.internal.environment;

import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.TableInfo;
import org.apiguardian.api.API;

import java.util.Set;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The Supabase preset's own tables ({@code storage.objects}, {@code storage.buckets}, {@code auth.users}): left out
 * of the deny matrix and of coverage, since they are the platform's, unless the project's migrations create
 * policies on them, which makes them the project's to prove.
 */
@API(status = INTERNAL)
public final class PresetTables {

    private static final Set<String> PRESET_SCHEMAS = Set.of("auth", "storage");

    private PresetTables() {
    }

    /** Whether a table is the preset's and has no policy of the project's. */
    public static boolean leftOut(boolean supabase, TableInfo table, Catalog catalog) {
        return supabase && PRESET_SCHEMAS.contains(table.schema()) && catalog.policies(table).isEmpty();
    }
}
