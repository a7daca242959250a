package io.rlstestkit.internal.environment;

import io.rlstestkit.internal.catalog.TableInfo;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a template entry keeps of its catalog comes back as it was kept, and an entry that does not hold all of it is
 * not used (the kit then makes the template afresh). That a run started from an entry uses it is
 * {@code ClusterCacheTest}'s concern.
 */
class KeptCatalogTest {

    private static final KeptCatalog KEPT = new KeptCatalog("int8",
            new LinkedHashMap<>(Map.of("app.current_tenant", "policy tenant_isolation on public.\"Line|Item\"")),
            List.of(new TableInfo(16390, "public", "Line|Item", "app owner", true, true, false),
                    new TableInfo(16400, "billing", "invoices", "postgres", true, false, true)));

    @Test
    void whatWasKeptComesBackAsItWas() {
        Properties properties = new Properties();
        properties.putAll(KEPT.properties());

        assertThat(KeptCatalog.of(properties)).isEqualTo(KEPT);
    }

    @Test
    void anEntryThatDoesNotHoldAllOfItIsNotUsed() {
        Properties properties = new Properties();
        properties.putAll(KEPT.properties());
        properties.remove("catalog.tables.1.owner");

        assertThat(KeptCatalog.of(properties)).isNull();
        assertThat(KeptCatalog.of(new Properties())).as("an entry of a kit that kept none").isNull();
    }
}
