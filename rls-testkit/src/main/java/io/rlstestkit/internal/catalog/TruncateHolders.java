package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * What to say of roles that hold TRUNCATE on a table with row-level security, by where the privilege comes from: a
 * grant, the table's ownership, or membership of its owner. The audit and the deny matrix say it alike.
 */
@API(status = INTERNAL)
public final class TruncateHolders {

    private TruncateHolders() {
    }

    /**
     * Roles that hold TRUNCATE by a grant, to themselves, PUBLIC or a role they are a member of.
     *
     * @param table   the table
     * @param holders the roles
     * @param named   how to name a role: {@code app_user} or {@code app_user, the tenant role}
     */
    public static String granted(TableInfo table, List<String> holders, Function<String, String> named) {
        List<String> names = holders.stream().map(named).toList();
        return String.join("; ", names) + (names.size() == 1 ? ", holds" : ", hold") + " TRUNCATE on "
                + table.displayName() + ", which has row-level security: TRUNCATE ignores policies, so "
                + (holders.size() == 1 ? "it" : "each") + " may empty the table of every tenant's rows in one statement"
                + " (GRANT ALL includes it). Revoke it: REVOKE TRUNCATE ON " + table.qualifiedName() + " FROM "
                + String.join(", ", holders) + ", PUBLIC;";
    }

    /**
     * Roles that hold TRUNCATE as the table's owner, or as members of its owner. The owner may revoke it from itself
     * but may grant it back, so the lasting fix is an owner that no tenant scope uses; a member loses it with the
     * membership.
     *
     * @param table   the table
     * @param holders the roles: its owner, members of its owner, or both
     * @param named   how to name a role: {@code app_user} or {@code app_user, the tenant role}
     */
    public static String owned(TableInfo table, List<String> holders, Function<String, String> named) {
        String owner = table.owner();
        List<String> owners = holders.stream().filter(owner::equals).toList();
        List<String> members = holders.stream().filter(role -> !role.equals(owner)).toList();
        List<String> how = new ArrayList<>();
        owners.forEach(role -> how.add(named.apply(role) + ", owns it"));
        members.forEach(role -> how.add(named.apply(role) + ", is a member of " + owner + ", which owns it"));
        List<String> fixes = new ArrayList<>();
        if (!owners.isEmpty()) {
            fixes.add("An owner may revoke it from itself (REVOKE TRUNCATE ON " + table.qualifiedName() + " FROM "
                    + Identifiers.quote(owner) + ", PUBLIC;), but may grant it back, as it may alter or drop the"
                    + " table: the lasting fix is a role that no tenant scope uses owning the table and running the"
                    + " migrations (ALTER TABLE " + table.qualifiedName() + " OWNER TO that role;), and granting "
                    + owner + " what the application uses (GRANT SELECT, INSERT, UPDATE, DELETE ON "
                    + table.qualifiedName() + " TO " + Identifiers.quote(owner) + ";).");
        }
        if (!members.isEmpty()) {
            fixes.add("Revoke the membership: REVOKE " + Identifiers.quote(owner) + " FROM "
                    + String.join(", ", members.stream().map(Identifiers::quote).toList()) + ";");
        }
        return "TRUNCATE on " + table.displayName() + ", which has row-level security, comes with its ownership: "
                + String.join("; ", how) + ". TRUNCATE ignores policies, FORCE ROW LEVEL SECURITY or not, so "
                + String.join(" and ", holders) + " may empty the table of every tenant's rows in one statement. "
                + String.join(" ", fixes);
    }
}
