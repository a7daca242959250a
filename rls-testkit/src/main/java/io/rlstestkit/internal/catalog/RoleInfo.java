package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.util.List;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A role and the attributes that decide whether row-level security applies to it.
 *
 * @param name        its name
 * @param superuser   whether it is a superuser
 * @param bypassRls   whether it has BYPASSRLS
 * @param memberOf    the roles whose privileges it has (itself included), through inheritance
 */
@API(status = INTERNAL)
public record RoleInfo(String name, boolean superuser, boolean bypassRls, List<String> memberOf) {

    /** Whether row-level security never applies to this role. */
    public boolean bypassesRls() {
        return superuser || bypassRls;
    }

    /** Why the role bypasses row-level security, for messages; empty when it does not. */
    public String bypassReason() {
        if (superuser) {
            return "a superuser";
        }
        return bypassRls ? "a role with BYPASSRLS" : "";
    }
}
