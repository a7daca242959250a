package io.rlstestkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The round trip of some locations, with configuration parameters. */
    static MigrationRoundTrip ofLocations(Map<String, String> parameters, String... locations) {
        Draft draft = new Draft();
        draft.migrations = List.of(locations);
        return MigrationRoundTrip.of(draft.complete(key -> Optional.ofNullable(parameters.get(key)),
                RoundTrips.class.getClassLoader()), key -> Optional.ofNullable(parameters.get(key)));
    }
}
