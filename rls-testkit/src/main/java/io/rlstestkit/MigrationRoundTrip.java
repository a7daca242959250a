package io.rlstestkit;

import io.rlstestkit.internal.environment.Environments;
import io.rlstestkit.internal.environment.KitConfiguration;
import io.rlstestkit.internal.migration.MigrationSource;
import io.rlstestkit.internal.migration.RoundTrip;
import io.rlstestkit.internal.migration.SchemaChecks;
import io.rlstestkit.internal.migration.ScratchDatabase;
import io.rlstestkit.internal.migration.SnapshotFile;
import org.flywaydb.core.api.MigrationVersion;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks that every migration can be taken back: its undo script restores the schema as it was, and the migration
 * applies again as it did. Injected into a test method of an {@link RlsTest} class, configured by the same
 * annotation (or {@link RlsExtension#configure() builder}): the same migrations, schemas and Flyway settings.
 * <pre>{@code
 * @RlsTest(migrations = "classpath:db/migration")
 * class MigrationsTest {
 *
 *     @Test
 *     void everyMigrationIsReversible(MigrationRoundTrip roundTrip) {
 *         roundTrip.assertEveryStepReversible();
 *     }
 *
 *     @Test
 *     void migrationsAreValid(MigrationRoundTrip roundTrip) {
 *         roundTrip.assertFlywayValid("src/test/resources/db/schema-snapshot.txt");
 *     }
 *
 *     @Test
 *     void schemaHasNotDrifted(MigrationRoundTrip roundTrip) {
 *         roundTrip.assertMatchesSnapshot("src/test/resources/db/schema-snapshot.txt");
 *     }
 * }
 * }</pre>
 *
 * <h2>Other tools' migrations</h2>
 * Where the location holds another tool's migrations ({@code golang-migrate:db/migrations}, or a folder the kit
 * recognizes; see README's table of migration sources), the round trip steps through them in that tool's order and
 * undoes each with the tool's own down script ({@code 000003_x.down.sql}, dbmate's {@code -- migrate:down} section,
 * sqitch's {@code revert/}); the kit keeps the history itself, in {@code rlstestkit_schema_history}. Where the tool
 * has no down scripts (Supabase, Prisma, Drizzle), the migrations are applied one by one and the test is aborted
 * with the reason ("supabase migrations have no down scripts: nothing to undo"): it is reported as skipped, never
 * as passed. {@link #assertFlywayValid()} is Flyway's validation and refuses other tools' migrations.
 *
 * <h2>Undo scripts</h2>
 * Undo scripts are named as Flyway Teams names them, {@code U<version>__<description>.sql}, beside the
 * {@code V<version>__<description>.sql} script they undo: {@code U3__policies.sql} undoes {@code V3__policies.sql}.
 * Flyway Community ignores them on migrate. The kit runs them itself, as the migrations run (the same user, Flyway's
 * default schema first in the {@code search_path}, Flyway's placeholders replaced, in one transaction), then deletes
 * the version's row from Flyway's schema history table, so that Flyway sees the version as pending and migrates it
 * again.
 *
 * <h2>The round trip</h2>
 * {@link #assertEveryStepReversible()} works on a new scratch database, never on the tests' databases: for each
 * version in order, it migrates up to the version and takes a snapshot of the schema, runs the version's undo script
 * and compares the schema with the snapshot before the version, migrates the version again and compares the schema
 * with the snapshot after it; at the end, Flyway's history must validate. Snapshots come from the catalog, not from
 * the SQL: schemas, extensions, tables,
 * columns (position, type, nullability, default, identity), constraints, indexes, sequences, views and materialized
 * views (definition, options such as {@code security_invoker}), functions and procedures (body, volatility,
 * {@code SECURITY DEFINER}, settings such as {@code search_path}), triggers, types, enums and domains, grants
 * (on tables, columns, sequences, schemas, functions, types, the database) and default privileges, row-level
 * security (enabled, forced), policies (permissive or restrictive, command, roles, {@code USING},
 * {@code WITH CHECK}), owners, and the attributes of the roles the schema refers to. Flyway's history table, and
 * a schema that Flyway created to hold it, are left out. A privilege granted and then revoked leaves no difference.
 * A role that an undo script leaves in place (roles belong to the whole server, and undo scripts often keep them) is
 * not a difference by itself; what it still owns or holds is.
 *
 * <p>A difference fails the test, one line per object:
 * <pre>
 * policy tenant_isolation on public.patients: still present after undo of version 3
 * table public.audit_logs: row-level security still forced after undo of version 4
 * function public.current_tenant(): search_path still set to public after undo of version 2 (before version 2: not set)
 * grant SELECT on table public.invoices to reporting: still present after undo of version 5
 * view public.open_invoices: missing after undo of version 6
 * column public.invoices.note: missing after migrating version 2 again
 * </pre>
 * A version without an undo script fails and names the version and the file to add; {@link #startingAt(String)}
 * sets the first version that must have one. An undo script that fails, or a migration that does not apply again
 * after its undo, fails with the file, the line, the statement and the server's error.
 *
 * <h2>Data</h2>
 * With {@link #checkingData()}, rows present before a version that only adds to the schema (no table or column
 * dropped or retyped) must still be there after its undo. A scratch database has the rows the migrations insert;
 * give it more with {@link #withDataBefore(String, String)}. A data check that found no row to check fails.
 *
 * <h2>Hygiene</h2>
 * {@link #assertFlywayValid()} fails for SQL files that Flyway ignores (a name it does not recognize), two
 * migrations or two undo scripts of one version, an undo script without its migration, and migrations that do not
 * apply or validate on a new database. {@link #assertFlywayValid(String)} also checks the migrations against those
 * a snapshot file records as applied: a migration changed since (checksum, description), gone, or added below the
 * last applied version (out of order, unless {@code flyway.outOfOrder} is set).
 *
 * <p>{@link #assertMatchesSnapshot(String)} compares the schema the migrations build with a snapshot file kept in
 * the project (a path relative to the working directory, which Maven and Gradle set to the module's folder), one
 * line per object that differs ({@code column public.invoices.note: in the migrated schema, but not in the
 * snapshot}). To write or regenerate the file after an intended change, run the test with the system property (or
 * JUnit configuration parameter) {@value #SNAPSHOT_UPDATE_KEY}{@code =true}, for example
 * {@code mvn test -Dtest=MigrationsTest -Drlstestkit.snapshot.update=true}, and commit the file: both
 * {@code assertMatchesSnapshot} and {@code assertFlywayValid(file)} then write it and pass. The file records the
 * PostgreSQL major version that wrote it; another version may describe the same schema differently.
 *
 * <h2>Where it runs</h2>
 * Undo scripts may drop or alter roles, and roles belong to a whole server. With the embedded provider, round trips
 * run on a PostgreSQL cluster that no test uses (one more cluster, started on the first round trip, about a second),
 * one round trip at a time, each in a scratch database that is dropped afterwards together with every role the
 * round trip created: each starts from a server with no role but its own. With the external provider there is only
 * the one server: round trips run in scratch databases of their own there, but the roles their migrations and undo
 * scripts create, alter or drop are the roles the tests use, and the kit drops none of them; point the round trip
 * at a server of its own, or keep undo scripts away from roles.
 *
 * <h2>Limits</h2>
 * Repeatable migrations ({@code R__}) are refused: Flyway applies them after every step, and no undo script undoes
 * them. Flyway's {@code validateMigrationNaming} must stay off, since Flyway Community takes undo scripts for badly
 * named files; {@link #assertFlywayValid()} checks the names instead, knowing the undo convention. Undo scripts are
 * split into statements by the PostgreSQL driver: quotes, dollar quotes and comments are understood, but a statement
 * with a {@code BEGIN ATOMIC} body must come last in its script. A script with a statement that cannot run in a
 * transaction ({@code CREATE INDEX CONCURRENTLY}) runs without one. Not compared: comments, collations, casts,
 * operators, text search configurations, publications, statistics objects, and the contents of sequences.
 *
 * <p>Each configuration method returns a new round trip; the injected one is not changed.
 */
public final class MigrationRoundTrip {

    /** The system property or JUnit configuration parameter that makes the kit write snapshot files: {@code true}. */
    public static final String SNAPSHOT_UPDATE_KEY = SnapshotFile.UPDATE_KEY;

    private final MigrationSource source;
    private final Supplier<ScratchDatabase.Source> databases;
    private final Function<String, Optional<String>> settings;
    private final String startingAt;
    private final boolean checkingData;
    private final Map<String, List<String>> dataBefore;
    private final boolean ignoringColumnOrder;

    private MigrationRoundTrip(MigrationSource source, Supplier<ScratchDatabase.Source> databases,
                               Function<String, Optional<String>> settings, String startingAt, boolean checkingData,
                               Map<String, List<String>> dataBefore) {
        this(source, databases, settings, startingAt, checkingData, dataBefore, false);
    }

    private MigrationRoundTrip(MigrationSource source, Supplier<ScratchDatabase.Source> databases,
                               Function<String, Optional<String>> settings, String startingAt, boolean checkingData,
                               Map<String, List<String>> dataBefore, boolean ignoringColumnOrder) {
        this.source = source;
        this.databases = databases;
        this.settings = settings;
        this.startingAt = startingAt;
        this.checkingData = checkingData;
        this.dataBefore = dataBefore;
        this.ignoringColumnOrder = ignoringColumnOrder;
    }

    /**
     * The round trip of a configuration.
     *
     * @param settings configuration parameters and system properties, by key
     */
    static MigrationRoundTrip of(KitConfiguration configuration, Function<String, Optional<String>> settings) {
        return new MigrationRoundTrip(new MigrationSource(configuration.migrations(), configuration.schemas(),
                configuration.flywayProperties(), configuration.classLoader()),
                () -> Environments.instance().roundTripDatabases(configuration), settings, null, false, Map.of());
    }

    /**
     * The first version whose undo is checked; versions below it need no undo script, and the round trip migrates
     * them once, without undoing them. Default: the first version.
     *
     * @param version a Flyway version: {@code "3"}, {@code "1.1"}
     */
    public MigrationRoundTrip startingAt(String version) {
        try {
            MigrationVersion.fromVersion(version.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Expecting startingAt to be given a Flyway version (\"3\", \"1.1\"),"
                    + " but got \"" + version + "\": " + e.getMessage(), e);
        }
        return new MigrationRoundTrip(source, databases, settings, version.strip(), checkingData, dataBefore,
                ignoringColumnOrder);
    }

    /**
     * Also checks data: rows present before a version that only adds to the schema must still be there after its
     * undo. Default: schema only.
     */
    public MigrationRoundTrip checkingData() {
        return new MigrationRoundTrip(source, databases, settings, startingAt, true, dataBefore, ignoringColumnOrder);
    }

    /**
     * Runs SQL (as the user that runs the migrations) just before a version is migrated, to give the data check
     * rows; implies {@link #checkingData()}. May be called several times, for one version or several.
     * <pre>{@code
     * roundTrip.withDataBefore("2", "insert into plans (name) values ('free'), ('pro')").assertEveryStepReversible();
     * }</pre>
     */
    public MigrationRoundTrip withDataBefore(String version, String sql) {
        Map<String, List<String>> data = new LinkedHashMap<>(dataBefore);
        List<String> statements = new ArrayList<>(data.getOrDefault(version, List.of()));
        statements.add(sql);
        data.put(version, List.copyOf(statements));
        return new MigrationRoundTrip(source, databases, settings, startingAt, true, Map.copyOf(data),
                ignoringColumnOrder);
    }

    /**
     * Leaves out differences in columns' positions alone: an undo script that drops a column and adds it back cannot
     * restore its position (PostgreSQL adds a column last). Default: they are reported, apart from and after the
     * other differences.
     */
    public MigrationRoundTrip ignoringColumnOrder() {
        return new MigrationRoundTrip(source, databases, settings, startingAt, checkingData, dataBefore, true);
    }

    /**
     * Migrates, undoes and migrates again every version in order, on a scratch database, and compares the schema
     * after each undo with the schema before the version, and after each migration again with the schema after it.
     *
     * @throws AssertionError       listing every object that differs, one per line; naming the versions without an
     *                              undo script; or naming the undo script or migration that failed, its line and its
     *                              error
     * @throws TestAbortedException where the tool has no down scripts (Supabase, Prisma, Drizzle): the migrations
     *                              applied one by one, but nothing was undone, so the test is reported as skipped
     *                              with that reason, never as passed (it fails where {@link #startingAt(String)} or a
     *                              data check asks for undo checks)
     */
    public void assertEveryStepReversible() {
        Optional<String> nothingToUndo = new RoundTrip(source, databases.get()).assertEveryStepReversible(
                new RoundTrip.Options(startingAt, checkingData, dataBefore, ignoringColumnOrder));
        if (nothingToUndo.isPresent()) {
            throw new TestAbortedException(nothingToUndo.get());
        }
    }

    /**
     * Flyway's validation, with the undo scripts: SQL files Flyway ignores, duplicate versions, undo scripts without
     * their migration, migrations that do not apply or validate on a new database.
     *
     * @throws AssertionError listing every problem
     */
    public void assertFlywayValid() {
        new SchemaChecks(source, databases.get()).assertValid(null, false);
    }

    /**
     * {@link #assertFlywayValid()}, and the migrations against those a snapshot file records as applied: changed
     * since (checksum, description), gone, or added below the last applied version (out of order). With
     * {@value #SNAPSHOT_UPDATE_KEY}{@code =true}, writes the file instead of comparing with it.
     *
     * @param snapshotFile a path relative to the working directory: {@code src/test/resources/db/schema-snapshot.txt}
     * @throws AssertionError listing every problem, or saying that the file is missing and how to write it
     */
    public void assertFlywayValid(String snapshotFile) {
        new SchemaChecks(source, databases.get()).assertValid(Path.of(snapshotFile), updating());
    }

    /**
     * Compares the schema the migrations build with a snapshot file kept in the project. With
     * {@value #SNAPSHOT_UPDATE_KEY}{@code =true}, writes the file instead of comparing with it.
     *
     * @param snapshotFile a path relative to the working directory: {@code src/test/resources/db/schema-snapshot.txt}
     * @throws AssertionFailedError listing every object that differs, one per line, with both schemas as text for an
     *                              IDE's diff
     * @throws AssertionError       saying that the file is missing, and how to write it
     */
    public void assertMatchesSnapshot(String snapshotFile) {
        Optional<SchemaChecks.Drift> drift = new SchemaChecks(source, databases.get())
                .drift(Path.of(snapshotFile), updating());
        if (drift.isPresent()) {
            throw new AssertionFailedError(drift.get().message(), drift.get().expected(), drift.get().actual());
        }
    }

    private boolean updating() {
        return settings.apply(SNAPSHOT_UPDATE_KEY).map(value -> Boolean.parseBoolean(value.strip())).orElse(false);
    }

    @Override
    public String toString() {
        return "MigrationRoundTrip of " + source.label() + (startingAt == null ? "" : ", from version " + startingAt)
                + (checkingData ? ", checking data" : "") + (ignoringColumnOrder ? ", ignoring column order" : "");
    }
}
