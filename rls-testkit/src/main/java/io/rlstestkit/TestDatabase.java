package io.rlstestkit;

import io.rlstestkit.guard.GuardedDataSource;
import io.rlstestkit.internal.environment.GuardSettings;
import io.rlstestkit.internal.environment.TestRun;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.lang.annotation.Annotation;
import java.util.Map;

/** The test's database for the application's own connections. */
final class TestDatabase implements RlsDatabase {
    private final TestRun run;

    TestDatabase(TestRun run) {
        this.run = run;
    }

    @Override
    public String jdbcUrl() {
        return run.databaseForOutsideConnections().jdbcUrl();
    }

    @Override
    public String user() {
        return run.environment().server().user();
    }

    @Override
    public String password() {
        return run.environment().server().password();
    }

    @Override
    public DataSource dataSource() {
        return dataSource(user(), password());
    }

    @Override
    public DataSource dataSource(String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(user);
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    @Override
    public GuardedDataSource guarded() {
        Map<String, String> settings = run.scopes().tenant(run.environment().tenants().all().get(0)).settings();
        String setting = settings.isEmpty() ? null : settings.keySet().iterator().next();
        GuardSettings guard = run.guard();
        return GuardedDataSource.of(dataSource(), dataSource(), setting)
                .allowingRoles(guard.systemRoles().toArray(String[]::new))
                .allowingPathsAnnotatedWith(systemPaths(guard));
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Annotation>[] systemPaths(GuardSettings guard) {
        return guard.systemPaths().toArray(Class[]::new);
    }

    /** Whether the configuration puts the application's data source behind the guard (for the integrations). */
    boolean guardsApplication() {
        return run.guard().application();
    }
}
