package io.rlstestkit.internal.tenant;

import io.rlstestkit.Tenant;
import org.apiguardian.api.API;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Tenants that are accounts (teams, organisations) whose members are users, as Supabase projects often model them:
 * the account's id is the tenant's id, in the tenant columns; each account has one member user, whose id is the
 * JWT's {@code sub} and a row of {@code auth.users}, and which a seed script names as {@code ${tenant.user}}.
 */
@API(status = INTERNAL)
public final class AccountMembers {

    /** The seed script's placeholder for the member user's id. */
    public static final String USER_PLACEHOLDER = "${tenant.user}";

    private AccountMembers() {
    }

    /** The id of the account's member user: derived from the account's id, so stable from run to run. */
    public static UUID memberOf(Tenant account) {
        return UUID.nameUUIDFromBytes(("rls-testkit member of " + account.id()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The user that acts for a tenant: the account's member user where tenants are accounts, the tenant itself
     * otherwise.
     */
    public static Object userOf(Tenant tenant, boolean accounts) {
        return accounts ? memberOf(tenant) : tenant.id();
    }
}
