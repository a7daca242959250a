package io.rlstestkit.internal.probe;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * How a statement ended, classified by PostgreSQL's own messages, not by SQLSTATE alone: 42501 is shared by every
 * "new row violates row-level security policy" variant and by "permission denied".
 */
@API(status = INTERNAL)
public enum OutcomeKind {
    /** It ran without error. */
    SUCCEEDED("succeeded"),
    /**
     * A row-level security policy rejected a row: {@code new row violates row-level security policy for table},
     * {@code ... policy "p" for table} (restrictive), {@code ... policy (USING expression) for table} (ON CONFLICT),
     * {@code target row violates row-level security policy} (MERGE).
     */
    POLICY_VIOLATION("violated a row-level security policy"),
    /** A privilege was missing: {@code permission denied for table/view/column/...}. Not a policy. */
    PERMISSION_DENIED("was refused for lack of a privilege"),
    /** {@code infinite recursion detected in policy for relation} (42P17): a policy reads its own table. */
    POLICY_RECURSION("hit a recursive policy"),
    /** A constraint (23xxx): a duplicate key, a foreign key, a check. Not a policy denial. */
    CONSTRAINT_VIOLATION("violated a constraint"),
    /**
     * An error the application's own code raised ({@code RAISE ... USING ERRCODE = '42501'} in a trigger or
     * function), whatever its words: not a policy, not a privilege check of PostgreSQL.
     */
    RAISED_BY_APPLICATION("was refused by an error raised by the application's code"),
    /** Any other error. */
    OTHER_ERROR("failed");

    private final String verb;

    OutcomeKind(String verb) {
        this.verb = verb;
    }

    /** How the kind reads in a sentence: {@code it violated a row-level security policy}. */
    public String verb() {
        return verb;
    }

    /** Whether the statement was denied access: by a policy or for lack of a privilege. */
    public boolean isDenial() {
        return this == POLICY_VIOLATION || this == PERMISSION_DENIED;
    }
}
