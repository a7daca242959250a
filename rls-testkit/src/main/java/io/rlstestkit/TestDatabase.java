package io.rlstestkit;

import io.rlstestkit.internal.environment.TestRun;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

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
}
