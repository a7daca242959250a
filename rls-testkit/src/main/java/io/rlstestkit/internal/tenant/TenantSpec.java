package io.rlstestkit.internal.tenant;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A tenant as configured: its key and, where given, its id as text ({@code "a"}, or {@code "a=42"} in the
 * annotation).
 *
 * @param key the key
 * @param id  the configured id, or {@code null} to derive it from the key
 */
@API(status = INTERNAL)
public record TenantSpec(String key, String id) {

    /** Parses {@code "a"} or {@code "a=42"}. */
    public static TenantSpec parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            return new TenantSpec(text.strip(), null);
        }
        return new TenantSpec(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
    }
}
