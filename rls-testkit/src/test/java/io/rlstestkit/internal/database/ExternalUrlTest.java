package io.rlstestkit.internal.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The kit's databases on an external server keep the connection options of the configured URL, not its secrets. */
class ExternalUrlTest {

    @Test
    void theKitsDatabasesKeepTheUrlsOptions() {
        assertThat(ExternalProvider.connectionParameters(
                "jdbc:postgresql://db.example:6432/app?sslmode=require&user=ci&password=s3cret&ApplicationName=ci"))
                .isEqualTo("?sslmode=require&ApplicationName=ci");
        assertThat(ExternalProvider.connectionParameters("jdbc:postgresql://db.example:6432/app?user=ci")).isEmpty();
        assertThat(ExternalProvider.connectionParameters("jdbc:postgresql://db.example:6432/app")).isEmpty();
    }

    @Test
    void messagesHideThePassword() {
        assertThat(ExternalProvider.redacted("jdbc:postgresql://db.example/app?user=ci&password=s3cret"))
                .isEqualTo("jdbc:postgresql://db.example/app?user=ci&password=***");
    }
}
