package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.catalog.SchemaObject;
import io.rlstestkit.internal.catalog.SchemaSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snapshot diff, directly, on snapshots built as the catalog's reader builds them: one line per difference,
 * worded for the step that made it (undo, redo, drift), and nothing for an object whose table is gone with it.
 */
class SnapshotDiffTest {

    private static final String TABLE = "table public.invoices";
    private static final String POLICY = "policy tenant_isolation on public.invoices";

    @Test
    void anUndoThatLeavesTheVersionsChangesSaysWhatIsStillThere() {
        // GIVEN version 2 enables and forces row-level security, adds a policy and changes a column's type
        SchemaSnapshot before = SchemaSnapshot.of(List.of(table(false, false), column("integer")));
        SchemaSnapshot migrated = SchemaSnapshot.of(List.of(table(true, true), column("bigint"),
                policy("tenant_id = 1")));

        // WHEN its undo changes nothing back
        List<String> lines = SnapshotDiff.afterUndo(before, migrated, migrated, "2");

        // THEN
        assertThat(lines).containsExactly(
                "table public.invoices: row-level security still enabled after undo of version 2",
                "table public.invoices: row-level security still forced after undo of version 2",
                "column public.invoices.amount: type still bigint after undo of version 2 (before version 2: integer)",
                "policy tenant_isolation on public.invoices: still present after undo of version 2");
    }

    @Test
    void anUndoThatGoesTooFarOrElsewhereSaysWhatItMissesAndWhatItMade() {
        // GIVEN
        SchemaSnapshot before = SchemaSnapshot.of(List.of(table(true, false), column("integer"),
                policy("tenant_id = 1")));
        SchemaSnapshot migrated = SchemaSnapshot.of(List.of(table(true, true), column("integer"),
                policy("tenant_id = 1")));
        SchemaSnapshot undone = SchemaSnapshot.of(List.of(table(true, false), column("text"),
                object("index", "index public.invoices_note", TABLE), object("role", "role stray", null)));

        // WHEN
        List<String> lines = SnapshotDiff.afterUndo(before, migrated, undone, "3");

        // THEN a role the undo left is not its concern: roles belong to the cluster
        assertThat(lines).containsExactly(
                "column public.invoices.amount: type text after undo of version 3, but integer before version 3",
                "index public.invoices_note: present after undo of version 3, but not before version 3",
                "policy tenant_isolation on public.invoices: missing after undo of version 3");
    }

    @Test
    void aTableThatIsMissingIsOneLineNotOnePerColumnOrPolicy() {
        // GIVEN
        SchemaSnapshot before = SchemaSnapshot.of(List.of(table(true, true), column("integer"),
                policy("tenant_id = 1")));
        SchemaSnapshot undone = SchemaSnapshot.of(List.of());

        // WHEN
        List<String> lines = SnapshotDiff.afterUndo(before, before, undone, "4");

        // THEN
        assertThat(lines).containsExactly("table public.invoices: missing after undo of version 4");
    }

    @Test
    void aRedoThatDiffersFromTheFirstTimeSaysHow() {
        // GIVEN
        SchemaSnapshot first = SchemaSnapshot.of(List.of(table(true, true), column("integer"),
                policy("tenant_id = 1")));
        SchemaSnapshot again = SchemaSnapshot.of(List.of(table(true, false), column("integer"),
                object("index", "index public.invoices_note", TABLE)));

        // WHEN
        List<String> lines = SnapshotDiff.afterRedo(first, again, "5");

        // THEN
        assertThat(lines).containsExactly(
                "table public.invoices: row-level security not forced after migrating version 5 again, but forced"
                        + " the first time",
                "index public.invoices_note: present after migrating version 5 again, but not the first time",
                "policy tenant_isolation on public.invoices: missing after migrating version 5 again");
    }

    @Test
    void driftFromTheRecordedSnapshotNamesDefaultsForAbsentAttributes() {
        // GIVEN the recorded function had no owner of its own and no search_path; the migrated one has both
        SchemaObject recordedFunction = new SchemaObject.Builder("function", "function public.tenant()", null)
                .flag("security", false, "SECURITY DEFINER", "SECURITY INVOKER").build();
        SchemaObject migratedFunction = new SchemaObject.Builder("function", "function public.tenant()", null)
                .flag("security", true, "SECURITY DEFINER", "SECURITY INVOKER")
                .with("setting search_path", "public").with("owner", "alice").build();
        SchemaSnapshot recorded = SchemaSnapshot.of(List.of(table(true, true), policy("tenant_id = 1"),
                recordedFunction));
        SchemaSnapshot migrated = SchemaSnapshot.of(List.of(table(true, true), migratedFunction,
                object("role", "role app_user", null)));

        // WHEN
        List<String> lines = SnapshotDiff.drift(recorded, migrated);

        // THEN
        assertThat(lines).containsExactly(
                "role app_user: in the migrated schema, but not in the snapshot",
                "function public.tenant(): SECURITY DEFINER in the migrated schema, but SECURITY INVOKER in the"
                        + " snapshot",
                "function public.tenant(): search_path set to public in the migrated schema, but not set in the"
                        + " snapshot",
                "function public.tenant(): owner alice in the migrated schema, but the migrating user in the snapshot",
                "policy tenant_isolation on public.invoices: in the snapshot, but not in the migrated schema");
    }

    @Test
    void longValuesAreCutAroundTheirFirstDifference() {
        // GIVEN two policy expressions of 150 characters that differ only at the end
        String common = "x".repeat(140);
        SchemaSnapshot recorded = SchemaSnapshot.of(List.of(table(true, true), policy(common + " = 1234567890")));
        SchemaSnapshot migrated = SchemaSnapshot.of(List.of(table(true, true), policy(common + " = 0987654321")));

        // WHEN
        List<String> lines = SnapshotDiff.drift(recorded, migrated);

        // THEN
        String shown = "..." + "x".repeat(37);
        assertThat(lines).containsExactly("policy tenant_isolation on public.invoices: using " + shown
                + " = 0987654321 in the migrated schema, but " + shown + " = 1234567890 in the snapshot");
    }

    @Test
    void equalSnapshotsHaveNoDifferences() {
        // GIVEN
        SchemaSnapshot snapshot = SchemaSnapshot.of(List.of(table(true, true), column("integer"),
                policy("tenant_id = 1")));

        // WHEN / THEN
        assertThat(SnapshotDiff.drift(snapshot, SchemaSnapshot.of(List.copyOf(snapshot.objects().values()))))
                .isEmpty();
    }

    private static SchemaObject table(boolean enabled, boolean forced) {
        return new SchemaObject.Builder("table", TABLE, null)
                .flag("row-level security", enabled, "enabled", "disabled")
                .flag("force row-level security", forced, "forced", "not forced").build();
    }

    private static SchemaObject column(String type) {
        return new SchemaObject.Builder("column", "column public.invoices.amount", TABLE).with("type", type).build();
    }

    private static SchemaObject policy(String using) {
        return new SchemaObject.Builder("policy", POLICY, TABLE).with("using", using).build();
    }

    private static SchemaObject object(String kind, String key, String parent) {
        return new SchemaObject.Builder(kind, key, parent).build();
    }
}
