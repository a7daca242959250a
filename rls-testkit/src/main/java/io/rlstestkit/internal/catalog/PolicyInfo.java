package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.util.List;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A row-level security policy.
 *
 * @param table      the table it is on
 * @param name       its name
 * @param permissive whether it is PERMISSIVE (false: RESTRICTIVE)
 * @param command    {@code ALL}, {@code SELECT}, {@code INSERT}, {@code UPDATE} or {@code DELETE}
 * @param roles      the roles it applies to; {@code public} for every role
 * @param using      its USING expression, or {@code null}
 * @param withCheck  its WITH CHECK expression, or {@code null}
 */
@API(status = INTERNAL)
public record PolicyInfo(String table, String name, boolean permissive, String command, List<String> roles,
                         String using, String withCheck) {

    /** Whether the policy applies to the given SQL command ({@code SELECT}, {@code UPDATE} ...). */
    public boolean appliesTo(String sqlCommand) {
        return command.equals("ALL") || command.equals(sqlCommand);
    }

    /** Whether the policy applies to a role, given the roles whose privileges that role has. */
    public boolean appliesToAnyOf(List<String> effectiveRoles) {
        return roles.contains("public") || roles.stream().anyMatch(effectiveRoles::contains);
    }

    /** A one-line description: {@code tenant_isolation (RESTRICTIVE, ALL, to public) USING (...)}. */
    public String describe() {
        StringBuilder text = new StringBuilder(name).append(" (").append(permissive ? "PERMISSIVE" : "RESTRICTIVE")
                .append(", ").append(command).append(", to ").append(String.join(", ", roles)).append(")");
        if (using != null) {
            text.append(" USING (").append(using).append(")");
        }
        if (withCheck != null) {
            text.append(" WITH CHECK (").append(withCheck).append(")");
        }
        return text.toString();
    }
}
