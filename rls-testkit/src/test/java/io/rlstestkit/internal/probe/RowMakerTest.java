package io.rlstestkit.internal.probe;

import io.rlstestkit.AsOwner;
import io.rlstestkit.RlsSession;
import io.rlstestkit.SoundSchema;
import io.rlstestkit.Tenants;
import io.rlstestkit.internal.catalog.AuditCatalog;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.ForeignKeyInfo;
import io.rlstestkit.internal.catalog.TableInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The row maker, called directly on a real database (the sound schema, with tables each test adds in its
 * transaction): a row for the deny matrix to insert, with a value of each required column's type, an enum's label,
 * a literal its CHECK allows, and a reference to a parent row of the tenant's own.
 */
@SoundSchema
class RowMakerTest {

    @Test
    void makesARowWithTypesEnumsCheckLiteralsAndTheTenantsOwnParent(@AsOwner RlsSession owner, Tenants tenants) {
        // GIVEN
        owner.update("create type grade as enum ('gold', 'silver')");
        owner.update("create table ledgers (id int primary key, tenant_id uuid not null references tenants (id))");
        owner.update("insert into ledgers values (1, ?::uuid), (2, ?::uuid)", tenants.get("a").id(),
                tenants.get("b").id());
        createEntries(owner);
        RowMaker maker = rowMaker(owner);

        // WHEN
        RowMaker.Row row = maker.row(tenants.get("b"), tenants.get("b"));

        // THEN
        assertThat(row.sql()).isEqualTo("INSERT INTO public.entries (tenant_id, ledger_id, level, kind, booked)"
                + " VALUES (?::uuid, ?::integer, ?::grade, ?::text, ?::date)");
        // the tenant column's value is the tenant itself, bound to its id on insert; ledger 2 is tenant b's
        assertThat(row.values().stream().map(String::valueOf).toList())
                .containsExactly("tenant b", "2", "gold", "debit", "today");
    }

    @Test
    void refusesWhereTheTenantHasNoParentRowToReference(@AsOwner RlsSession owner, Tenants tenants) {
        // GIVEN only tenant a has a ledger
        owner.update("create type grade as enum ('gold', 'silver')");
        owner.update("create table ledgers (id int primary key, tenant_id uuid not null references tenants (id))");
        owner.update("insert into ledgers values (1, ?::uuid)", tenants.get("a").id());
        createEntries(owner);
        RowMaker maker = rowMaker(owner);

        // WHEN / THEN
        assertThatThrownBy(() -> maker.row(tenants.get("b"), tenants.get("b")))
                .isInstanceOf(RowMaker.CannotMake.class)
                .hasMessage("foreign key entries_ledger_id_fkey (ledger_id) needs a row of public.ledgers of tenant b"
                        + " to reference, and there is none: seed one, or give ledger_id in a row template");
    }

    private static void createEntries(RlsSession owner) {
        owner.update("create table entries (id serial primary key, tenant_id uuid not null,"
                + " ledger_id int not null references ledgers (id), level grade not null,"
                + " kind text not null check (kind in ('debit', 'credit')), booked date not null, note text)");
    }

    private static RowMaker rowMaker(RlsSession owner) {
        Catalog catalog = new Catalog(owner.connection());
        TableInfo entries = catalog.table("entries").orElseThrow();
        List<ForeignKeyInfo> keys = new AuditCatalog(catalog).foreignKeys().stream()
                .filter(key -> key.table().oid() == entries.oid()).toList();
        return new RowMaker(catalog, entries, "tenant_id", keys, Map.of(), table -> "tenant_id");
    }
}
