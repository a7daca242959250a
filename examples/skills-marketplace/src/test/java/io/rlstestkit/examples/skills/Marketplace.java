package io.rlstestkit.examples.skills;

import io.rlstestkit.RlsExtension;
import io.rlstestkit.Tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The marketplace as the kit sees it: the application connects as {@code app_user} and sets
 * {@code app.current_tenant_id} per transaction; {@code tenant_id} is text holding the tenant's uuid string (the
 * application's ids are Drizzle {@code text} uuids), so the tenants get uuid strings as ids. A connection that
 * forgot its context is the named scope {@code no-context}.
 */
final class Marketplace {

    /** The nine tenant-scoped tables the document names. */
    static final String[] TABLES = {"skills", "users", "ratings", "usage_events", "skill_versions",
            "skill_embeddings", "skill_reviews", "api_keys", "site_settings"};

    static final String TENANT_A = "cb327e61-56c5-4d14-b0df-132cc705a511";
    static final String TENANT_B = "09d057be-0c3c-4797-9820-63d942c7d756";

    private Marketplace() {
    }

    /** Everything but the migrations, which differ between the literal and the corrected schema. */
    static RlsExtension.Builder configuration() {
        return RlsExtension.configure()
                .tenant("a", TENANT_A)
                .tenant("b", TENANT_B)
                .seed("classpath:db/seed/tenant.sql")
                .tenantRole("app_user")
                .tenantSetting("app.current_tenant_id")
                .scope("no-context", scope -> scope.role("app_user"));
    }

    /** The id the seed gives a tenant's row: {@code md5('<tenant id>:<name>')::uuid::text}. */
    static String seeded(Tenant tenant, String name) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5")
                    .digest((tenant.id() + ":" + name).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(md5);
            return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16)
                    + "-" + hex.substring(16, 20) + "-" + hex.substring(20)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java platform", e);
        }
    }
}
