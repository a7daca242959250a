package io.rlstestkit.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The kit's advice, which names its builder's calls, reaches the command's user as the flags that do the same. */
class KitWordsTest {

    @Test
    void theBuildersCallsBecomeTheCommandsFlags() {
        // GIVEN sentences as the deny matrix and the probes write them
        String matrix = "Give a row template: withRow(\"accounts\", Map.of(\"column\", value, ...)), or leave the"
                + " command out: excludingCommand(\"accounts\", \"INSERT\").";
        String synthesizer = "Seed a row of each tenant there, or give a row template: withRow(\"invitations\","
                + " Map.of(\"invited_by_user_id\", ...)).";
        String probe = "compared as text with the tenant's id: tenantExpression(\"public.uploads\", \"...\").";
        String column = "the table's tenant column (tenantColumn, or tenantColumn(\"orders\", \"...\")).";

        // WHEN / THEN
        assertThat(KitWords.forCommandLine(matrix)).isEqualTo("Give a row template: --row accounts:COLUMN=VALUE, or"
                + " leave the command out: --exclude accounts:INSERT.");
        assertThat(KitWords.forCommandLine(synthesizer)).isEqualTo("Seed a row of each tenant there, or give a row"
                + " template: --row invitations:invited_by_user_id=VALUE.");
        assertThat(KitWords.forCommandLine(probe)).isEqualTo("compared as text with the tenant's id:"
                + " --tenant-expression \"public.uploads=EXPRESSION\".");
        assertThat(KitWords.forCommandLine(column)).isEqualTo("the table's tenant column (--tenant-column, or"
                + " --tenant-columns orders=COLUMN).");
        assertThat(KitWords.forCommandLine("Expecting tenant b not to see rows of a")).isEqualTo(
                "Expecting tenant b not to see rows of a");
    }
}
