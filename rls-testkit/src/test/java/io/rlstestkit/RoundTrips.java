package io.rlstestkit;

import io.rlstestkit.internal.environment.ConfigurationBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Round trips of the kit's fixture schemas, made as the extension makes them, for tests without a test database. */
final class RoundTrips {

    /** The prefix of the round-trip fixtures: each a folder of V and U scripts. */
    static final String FIXTURES = "classpath:fixtures/roundtrip/";

    private RoundTrips() {
    }

    /** The round trip of a fixture folder. */
    static MigrationRoundTrip of(String fixture) {
        return ofLocations(Map.of(), FIXTURES + fixture);
    }

    /** The round trip of a folder on disk, as {@code filesystem:} location. */
    static MigrationRoundTrip ofFolder(Path folder) {
        return ofLocations(Map.of(), "filesystem:" + folder);
    }

    /** The round trip of a folder on disk, writing snapshot files rather than comparing with them. */
    static MigrationRoundTrip updatingSnapshots(Path folder) {
        return ofLocations(Map.of(MigrationRoundTrip.SNAPSHOT_UPDATE_KEY, "true"), "filesystem:" + folder);
    }

    /** Copies a fixture's scripts to a folder, leaving out some. */
    static Path copy(String fixture, Path folder, String... leftOut) {
        try {
            Path source = Path.of(RoundTrips.class.getClassLoader().getResource("fixtures/roundtrip/" + fixture)
                    .toURI());
            Files.createDirectories(folder);
            try (var files = Files.list(source)) {
                for (Path file : files.toList()) {
                    if (!List.of(leftOut).contains(file.getFileName().toString())) {
                        Files.copy(file, folder.resolve(file.getFileName()));
                    }
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The round trip of a fixture folder, configured further. */
    static MigrationRoundTrip of(String fixture, Consumer<ConfigurationBuilder> configuration) {
        return ofLocations(Map.of(), configuration, FIXTURES + fixture);
    }

    /** The round trip of some locations, with configuration parameters. */
    static MigrationRoundTrip ofLocations(Map<String, String> parameters, String... locations) {
        return ofLocations(parameters, draft -> { }, locations);
    }

    private static MigrationRoundTrip ofLocations(Map<String, String> parameters, Consumer<ConfigurationBuilder> configuration,
                                                  String... locations) {
        ConfigurationBuilder draft = new ConfigurationBuilder().migrations(List.of(locations));
        configuration.accept(draft);
        return MigrationRoundTrip.of(draft.build(key -> Optional.ofNullable(parameters.get(key)),
                RoundTrips.class.getClassLoader()), key -> Optional.ofNullable(parameters.get(key)));
    }
}
