package io.rlstestkit.internal.tenant;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.KitException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Tenant ids, directly: derived from the key, stable, or as configured; bad keys and ids fail saying what to fix. */
class TenantIdsTest {

    @Test
    void aKeyGivesTheSameUuidEveryTime() {
        // the same on every machine and in every run: seeds and fixtures may name it
        assertThat(TenantIds.uuidOf("a")).isEqualTo(UUID.fromString("afec931a-732b-3f3e-bc8e-bc6b2e93af53"))
                .isNotEqualTo(TenantIds.uuidOf("b"));
    }

    @Test
    void configuredIdsAreKeptAndOthersDerived() {
        List<Tenant> tenants = TenantIds.assign(List.of(TenantSpec.parse("a"),
                TenantSpec.parse("b = 00000000-0000-0000-0000-000000000002")), "uuid");
        assertThat(tenants).extracting(Tenant::key, Tenant::id).containsExactly(
                tuple("a", TenantIds.uuidOf("a")),
                tuple("b", UUID.fromString("00000000-0000-0000-0000-000000000002")));
    }

    @Test
    void duplicateKeysFail() {
        assertThatThrownBy(() -> TenantIds.assign(List.of(TenantSpec.parse("a"), TenantSpec.parse("a")), "uuid"))
                .isInstanceOf(KitException.class)
                .hasMessage("Expecting distinct, non-empty tenant keys, but got [a, a]. Fix @RlsTest(tenants = ...).");
    }

    @Test
    void anIdOfTheWrongTypeFails() {
        assertThatThrownBy(() -> TenantIds.assign(List.of(TenantSpec.parse("a=42")), "uuid"))
                .isInstanceOf(KitException.class)
                .hasMessage("Expecting the id of tenant a to be a value of the tenant column's type uuid, but it is"
                        + " \"42\". Fix the tenant's id.");
    }
}
