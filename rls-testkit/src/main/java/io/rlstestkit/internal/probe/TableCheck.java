package io.rlstestkit.internal.probe;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/** What a table assertion checks about a scope and the rows of a tenant. */
@API(status = INTERNAL)
public enum TableCheck {
    /** The scope sees none of the tenant's rows. */
    CANNOT_SEE("cannot", "SELECT", "not to see rows of"),
    /** An UPDATE in the scope aimed at the tenant's rows touches none. */
    CANNOT_UPDATE("cannot", "UPDATE", "not to update rows of"),
    /** A DELETE in the scope aimed at the tenant's rows removes none. */
    CANNOT_DELETE("cannot", "DELETE", "not to delete rows of"),
    /** The scope sees every row of the tenant. */
    CAN_SEE("can", "SELECT", "to see the rows of");

    private final String modality;
    private final String command;
    private final String expectation;

    TableCheck(String modality, String command, String expectation) {
        this.modality = modality;
        this.command = command;
        this.expectation = expectation;
    }

    /** {@code cannot} or {@code can}. */
    public String modality() {
        return modality;
    }

    /** The SQL command checked. */
    public String command() {
        return command;
    }

    /** How the expectation reads: {@code not to see rows of}. */
    String expectation() {
        return expectation;
    }
}
