package io.rlstestkit.internal.environment;

import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.database.EmbeddedProvider;
import io.rlstestkit.internal.database.ExternalProvider;
import io.rlstestkit.internal.database.PostgresProvider;
import io.rlstestkit.internal.database.TestcontainersProvider;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Where PostgreSQL comes from, as configured.
 *
 * @param kind              {@code embedded}, {@code testcontainers} or {@code external}
 * @param jdbcUrl           the external server's URL
 * @param user              the external server's user
 * @param password          the external server's password
 * @param image             the Testcontainers image
 * @param skipWithoutDocker whether tests are skipped (rather than failed) where Docker is absent
 */
@API(status = INTERNAL)
public record ProviderSettings(String kind, String jdbcUrl, String user, String password, String image,
                               boolean skipWithoutDocker) {

    /** The default: embedded PostgreSQL. */
    public static final ProviderSettings EMBEDDED = new ProviderSettings("embedded", null, null, null, null, false);

    /** Creates the provider. */
    PostgresProvider create() {
        return switch (kind) {
            case "embedded" -> new EmbeddedProvider();
            case "external" -> new ExternalProvider(jdbcUrl, user, password);
            case "testcontainers" -> TestcontainersProvider.create(image);
            default -> throw new KitException("Expecting rlstestkit.provider to be embedded, testcontainers or external,"
                    + " but it is \"" + kind + "\". Remove it to use the default, embedded.");
        };
    }

    @Override
    public String toString() {
        return kind + (jdbcUrl == null ? "" : " " + ExternalProvider.redacted(jdbcUrl));
    }
}
