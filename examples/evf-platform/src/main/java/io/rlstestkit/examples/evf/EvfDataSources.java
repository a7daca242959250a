package io.rlstestkit.examples.evf;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The platform's connection pool: HikariCP, as in production. HikariCP resets auto-commit, isolation, read-only,
 * catalog and schema when a connection comes back, but not custom settings such as {@code app.current_tenant}:
 * that is why the tenant context must be transaction-local.
 */
public final class EvfDataSources {

    private EvfDataSources() {
    }

    /**
     * A HikariCP pool.
     *
     * @param jdbcUrl         the JDBC URL
     * @param username        the login role
     * @param password        its password (may be null)
     * @param maximumPoolSize the pool size (1 makes "the next borrower gets the same connection" deterministic)
     * @param role            if not null, every new connection runs {@code SET ROLE <role>} once (for tests that log
     *                        in as a superuser or owner and must act as {@code evf_app}); null in production, where
     *                        the login role is subject to RLS itself
     * @return the pool; close it when done
     */
    public static HikariDataSource pooled(String jdbcUrl, String username, String password, int maximumPoolSize,
            String role) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(Math.min(1, maximumPoolSize));
        config.setPoolName("evf-platform");
        if (role != null) {
            config.setConnectionInitSql("SET ROLE " + quoteIdentifier(role));
        }
        return new HikariDataSource(config);
    }

    private static String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
