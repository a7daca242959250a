package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.KitException;

/**
 * Liquibase changelogs, run through Liquibase itself, an optional dependency: this class checks that it is there
 * before any class that needs it is loaded, and says which dependency to add where it is not.
 */
final class Liquibases {

    /** The dependency to add, with the version the kit is built and tested with. */
    static final String COORDINATES = "org.liquibase:liquibase-core:4.33.0";

    private Liquibases() {
    }

    /** The changesets of a changelog, as the round trip steps through them. */
    static ToolSteps steps(Layout layout, ClassLoader classLoader) {
        try {
            Class.forName("liquibase.Liquibase", false, classLoader);
        } catch (ClassNotFoundException e) {
            throw new KitException("Expecting Liquibase on the test class path to run the changelog at "
                    + layout.label() + ", but it is not there.\nYou have to add the following dependency to your"
                    + " project: " + COORDINATES + " (test scope; stay on 4.x: from 5.0 on, Liquibase's licence is"
                    + " not open source).", e);
        }
        return LiquibaseSteps.of(layout.locations().get(0), classLoader);
    }
}
