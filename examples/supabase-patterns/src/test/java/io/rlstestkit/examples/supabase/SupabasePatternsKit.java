package io.rlstestkit.examples.supabase;

import io.rlstestkit.RlsExtension;
import io.rlstestkit.Tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * How the example's tests use the kit: the Supabase preset (users are the tenants: {@code authenticated} with the
 * user's JWT claims; {@code service_role} as the worker; {@code anon}), the per-user seed, and where each table
 * keeps its user.
 */
final class SupabasePatternsKit {

    /** The super admin of {@code db/extra/super-admin.sql}: a user whose profile has {@code role = 'super_admin'}. */
    static final String SUPER_ADMIN = "ffffffff-ffff-4fff-8fff-ffffffffffff";

    /** The script that makes the super admin, arranged by the tests that need one. */
    static final String SUPER_ADMIN_SCRIPT = "db/extra/super-admin.sql";

    /** The tables in {@code public}, each with the super admin and service role bypasses first. */
    static final List<String> PUBLIC_TABLES = List.of(
            "profiles", "posts", "comments", "teams", "team_members", "team_data");

    private SupabasePatternsKit() {
    }

    /** The configuration every test class of the example starts from. */
    static RlsExtension.Builder kit() {
        return RlsExtension.configure()
                .supabase()
                .seed("classpath:db/seed/tenant.sql")
                .tenantColumn("user_id")
                .tenantColumn("profiles", "id")
                .tenantColumn("teams", "created_by")
                .tenantColumn("team_data", "created_by")
                .tenantColumn("storage.objects", "owner")
                .scope("super-admin", scope -> scope.role("authenticated")
                        .claim("sub", SUPER_ADMIN)
                        .claim("role", "authenticated"));
    }

    /** The id the seed gives a user's row: {@code md5('<user id>:<name>')::uuid}. */
    static UUID seeded(Tenant user, String name) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5")
                    .digest((user.id() + ":" + name).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(md5);
            return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16)
                    + "-" + hex.substring(16, 20) + "-" + hex.substring(20));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java platform", e);
        }
    }
}
