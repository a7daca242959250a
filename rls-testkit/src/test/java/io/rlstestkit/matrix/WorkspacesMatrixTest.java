package io.rlstestkit.matrix;

import io.rlstestkit.DenyMatrix;
import io.rlstestkit.RlsTest;
import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * The deny matrix on a realistic schema that the seed fills one table of: it makes the other tables' rows itself,
 * passes with no row template and no exclusion on the sound version, and fails the right test on each broken one.
 */
class WorkspacesMatrixTest {

    static final String SCHEMA = "classpath:fixtures/workspaces";
    static final String SEED = "classpath:fixtures/seed/workspaces.sql";
    static final String FULL_SEED = "classpath:fixtures/seed/workspaces-full.sql";
    static final String BROKEN = "classpath:fixtures/workspaces-broken/";
    static final String SHAPES = "classpath:fixtures/workspaces-shapes";

    /**
     * 25 tenant tables with a tenant column and 2 that reach it through their parent, two tenants: SELECT, INSERT,
     * UPDATE, DELETE and the move for each ordered pair, TRUNCATE for each tenant, and the attach by INSERT and by
     * UPDATE for each pair on the 13 tables with references to tenant tables other than the tenants' own ("Folder"
     * and roadmap_items reference themselves).
     */
    private static final int SOUND_TESTS = (25 + 2) * (2 * 5 + 2) + 13 * 2 * 2;

    private static Map<String, String> brokenFailures;
    private static EngineExecutionResults soundResults;
    private static EngineExecutionResults brokenResults;

    @Test
    void coversTheSoundSchemaWithNoTemplateAndNoExclusion() {
        EngineExecutionResults results = sound();
        assertThat(failures(results)).isEmpty();
        results.testEvents().assertStatistics(stats -> stats.started(SOUND_TESTS).succeeded(SOUND_TESTS));
        assertThat(results.containerEvents().started().stream().map(event -> event.getTestDescriptor()
                .getDisplayName())).contains(
                "Workspace (tenant column id, read from policy own_workspace)",
                "invitations (tenant column account_id, read from policy members_invite)",
                "audit_events (tenant column ws, read from policy workspace_events)",
                "shared by all tenants (their policies name no tenant column): public.feature_flags,"
                        + " public.guild_members",
                "Issue", "team_members", "workspace_settings", "share_links",
                "checklist_items (tenant through issue_id -> public.Issue)",
                "checklist_notes (tenant through item_id -> public.checklist_items)");
        assertThat(results.testEvents().succeeded().stream().map(event -> event.getTestDescriptor()
                .getDisplayName())).contains(
                "Workspace: b cannot INSERT rows for a (role app_user has no INSERT privilege)",
                "Workspace: b cannot SELECT rows of a", "workspace_settings: b cannot INSERT rows for a",
                "Comment: b cannot attach rows to a's parents", "Issue: b cannot move its rows to a",
                "Comment: b cannot attach rows to a's parents by UPDATE", "Folder: b cannot INSERT rows for a",
                "Folder: a cannot attach rows to b's parents",
                "Document: b cannot INSERT rows for a", "audit_events: a cannot INSERT rows for b",
                "custom_field_values: b cannot TRUNCATE");
    }

    @Test
    void coversTheShapesFoundOnRealSchemasWithNoTemplate() {
        EngineExecutionResults results = sound();
        assertThat(results.testEvents().succeeded().stream().map(event -> event.getTestDescriptor()
                .getDisplayName())).contains(
                // a trigger fills created_in from the workspace's setting: the rows are made with it set
                "share_links: b cannot INSERT rows for a", "share_links: a cannot SELECT rows of b",
                // a CHECK wants the nullable slug set: the row maker gives it a value
                "share_links: b cannot move its rows to a",
                // reached through the parent, and through the parent's parent
                "checklist_items: b cannot SELECT rows of a", "checklist_items: b cannot INSERT rows for a",
                "checklist_items: b cannot UPDATE rows of a", "checklist_items: b cannot DELETE rows of a",
                "checklist_items: b cannot move its rows to a", "checklist_items: a cannot TRUNCATE",
                "checklist_notes: a cannot SELECT rows of b", "checklist_notes: a cannot INSERT rows for b",
                "checklist_notes: a cannot move its rows to b", "checklist_notes: b cannot TRUNCATE",
                // a deferrable NOT NULL self-reference over a GENERATED ALWAYS key: the first row points at itself
                "roadmap_items: b cannot INSERT rows for a", "roadmap_items: b cannot attach rows to a's parents",
                "roadmap_items: a cannot attach rows to b's parents by UPDATE",
                // access by membership: the empty membership table gets a row for each workspace, so that each
                // reads its own posts (the positive controls) and the guild_id compared through it, a uuid, gives way
                // to author_ws
                "guild_posts: b cannot SELECT rows of a", "guild_posts: a cannot SELECT rows of b",
                "guild_posts: b cannot INSERT rows for a", "guild_posts: a cannot UPDATE rows of b",
                "guild_posts: b cannot move its rows to a");
    }

    @Test
    void saysWhyATableWhosePolicyComparesAMembershipKeyCannotBeToldApartAndUsesAnotherColumnWhereThereIsOne() {
        assertThat(broken().get("boards: cannot be covered")).isEqualTo("""

                Expecting the deny matrix to tell the tenants' rows of public.boards apart by id, the column its \
                policy member_boards compares with the tenant's identity, but id is uuid, which cannot hold the \
                tenants' ids (1, 2): the policy reaches the tenant through another table (a membership table that \
                maps tenants to id).
                Give the table's tenant column where it has one (tenantColumn("boards", "...")), or leave it out: \
                excluding("boards").""");
        assertThat(brokenResults.testEvents().succeeded().stream().map(event -> event.getTestDescriptor()
                .getDisplayName())).contains("board_cards: b cannot SELECT rows of a",
                "board_cards: b cannot INSERT rows for a", "board_cards: b cannot move its rows to a");
        assertThat(brokenResults.containerEvents().started().stream().map(event -> event.getTestDescriptor()
                .getDisplayName())).contains("board_cards (tenant column owner_ws, read from policy"
                + " member_or_own_cards)");
    }

    @Test
    void failsATableReachedThroughItsParentWhosePoliciesCheckTheParentOnlyOnTheRowsRead() {
        Map<String, String> failures = broken();
        assertThat(failures).containsKeys("issue_votes: a cannot SELECT rows of b",
                "issue_votes: b cannot SELECT rows of a", "issue_votes: a cannot INSERT rows for b",
                "issue_votes: b cannot INSERT rows for a", "issue_votes: a cannot move its rows to b",
                "issue_votes: b cannot move its rows to a");
        assertThat(failures.get("issue_votes: b cannot SELECT rows of a")).startsWith("""

                Expecting tenant b (role app_user, app.workspace_id = '2') not to see rows of tenant a in \
                public.issue_votes,
                but it sees 2 of tenant a's 2 rows:""").contains("""
                  everyone_reads_votes (PERMISSIVE, SELECT, to app_user) USING (true)""",
                "(tenant a's row in public.issue_votes is synthesized by the matrix, the seed left none: <INSERT INTO"
                        + " public.issue_votes (issue_id, weight) VALUES (?::bigint, ?::integer)> with [");
        assertThat(failures.get("issue_votes: b cannot INSERT rows for a")).contains("""
                but an INSERT of a copy of one of tenant a's rows succeeded:""");
        assertThat(failures.get("issue_votes: b cannot move its rows to a")).startsWith("""

                Expecting tenant b (role app_user, app.workspace_id = '2') not to move its rows of public.issue_votes \
                to tenant a by pointing issue_id at tenant a's row of public.Issue,
                but the UPDATE moved a row of its own under tenant a's row:
                  <UPDATE public.issue_votes SET issue_id = ?::bigint WHERE ctid = (SELECT ctid FROM \
                public.issue_votes WHERE (pg_temp.rlstestkit_tenant_of_""").contains("""
                The UPDATE policies' WITH CHECK must check the new parent as the USING checks the old one (issue_id \
                must point at a row of the tenant's own).
                Policies on public.issue_votes for UPDATE:
                  votes_of_own_issues (PERMISSIVE, ALL, to app_user) USING""");
    }

    @Test
    void runsTheSameTestsOnTheHandSeededSchema() {
        EngineExecutionResults results = Fixtures.run(HandSeeded.class);
        assertThat(failures(results)).isEmpty();
        results.testEvents().assertStatistics(stats -> stats.started(SOUND_TESTS).succeeded(SOUND_TESTS));
    }

    @Test
    void failsAttachOnASingleColumnForeignKeyBetweenTenantTables() {
        Map<String, String> failures = broken();
        assertThat(failures).containsKeys("issue_links: a cannot attach rows to b's parents",
                "issue_links: b cannot attach rows to a's parents");
        assertThat(failures.get("issue_links: b cannot attach rows to a's parents by UPDATE")).startsWith("""

                Expecting tenant b (role app_user, app.workspace_id = '2') not to attach rows of public.issue_links \
                to tenant a's rows by an UPDATE,
                but it updated a row of its own so that its foreign key issue_links_issue_id_fkey (issue_id) points at \
                tenant a's row of public.Issue:
                  <UPDATE public.issue_links SET issue_id = ?::bigint WHERE ctid = (SELECT ctid FROM public.issue_links \
                WHERE "workspaceId" = ?::integer ORDER BY ctid LIMIT 1 OFFSET 0)> with [2, 2 (b's id)]
                Foreign-key checks ignore row-level security. Make the key include the tenant column (workspaceId, \
                issue_id) REFERENCES public.Issue (workspaceId, id), or refuse it in the UPDATE policy's WITH CHECK or \
                a trigger.""");
        assertThat(failures.get("issue_links: b cannot attach rows to a's parents")).startsWith("""

                Expecting tenant b (role app_user, app.workspace_id = '2') not to attach rows of public.issue_links \
                to tenant a's rows,
                but it inserted a row of its own whose foreign key issue_links_issue_id_fkey (issue_id) points at \
                tenant a's row of public.Issue:
                  <INSERT INTO public.issue_links ("workspaceId", issue_id, kind) VALUES (?::integer, ?::bigint, \
                ?::text)> with [2 (b's id), 2, blocks]
                Foreign-key checks ignore row-level security. Make the key include the tenant column (workspaceId, \
                issue_id) REFERENCES public.Issue (workspaceId, id), or refuse it in the INSERT policy or a trigger.
                (tenant a's row in public.issue_links is synthesized by the matrix, the seed left none: <INSERT INTO \
                public.issue_links""");
    }

    @Test
    void failsMoveWhereTheUpdatePolicyLetsTheTenantColumnChange() {
        Map<String, String> failures = broken();
        assertThat(failures).containsKeys("webhooks: a cannot move its rows to b",
                "webhooks: b cannot move its rows to a");
        assertThat(failures.get("webhooks: b cannot move its rows to a")).startsWith("""

                Expecting tenant b (role app_user, app.workspace_id = '2') not to move its rows of public.webhooks to \
                tenant a,
                but an UPDATE of the tenant column moved 2 rows to tenant a:
                  <UPDATE public.webhooks SET "workspaceId" = ?::integer> with [1 (a's id)]
                The UPDATE policies' WITH CHECK must pin workspaceId to the tenant's own id.
                Policies on public.webhooks for UPDATE:
                  updates (PERMISSIVE, UPDATE, to app_user) USING (("workspaceId" = current_workspace())) WITH CHECK \
                (true)
                (tenant a's row in public.webhooks is synthesized by the matrix, the seed left none: <INSERT INTO \
                public.webhooks""");
    }

    @Test
    void failsTruncateWhereItIsGranted() {
        Map<String, String> failures = broken();
        assertThat(failures).containsKeys("time_entries: a cannot TRUNCATE", "time_entries: b cannot TRUNCATE");
        assertThat(failures.get("time_entries: b cannot TRUNCATE")).startsWith("""

                Expecting tenant b (role app_user, app.workspace_id = '2') not to TRUNCATE public.time_entries,
                but it emptied the table: tenant a's rows went from 2 to 0:
                  <TRUNCATE public.time_entries>
                app_user, the tenant scope's role, holds TRUNCATE on public.time_entries, which has row-level \
                security: TRUNCATE ignores policies, so it may empty the table of every tenant's rows in one \
                statement (GRANT ALL includes it). Revoke it: REVOKE TRUNCATE ON public.time_entries FROM app_user, \
                PUBLIC;
                (tenant a's row in public.time_entries is synthesized by the matrix""");
    }

    @Test
    void failsInsertWhereAPolicyIgnoresTheOwnerColumn() {
        Map<String, String> failures = broken();
        assertThat(failures).containsKeys("invitations: a cannot INSERT rows for b",
                "invitations: b cannot INSERT rows for a");
        assertThat(failures.get("invitations: b cannot INSERT rows for a")).startsWith("""

                Expecting tenant b (role app_user, app.workspace_id = '2') not to insert rows for tenant a into \
                public.invitations,
                but an INSERT of a row for tenant a succeeded:
                  <INSERT INTO public.invitations (account_id, email, role, expires_at) VALUES (?::integer, ?::text, \
                ?::member_role, ?::timestamp with time zone)> with [1 (a's id), rls-testkit-2@rls-testkit-2, owner, \
                now]
                Policies on public.invitations for INSERT:
                  anyone_invites (PERMISSIVE, INSERT, to app_user) WITH CHECK (true)
                  members_invite (PERMISSIVE, ALL, to app_user) USING (can_access(account_id)) WITH CHECK \
                (can_access(account_id))
                (tenant a's row in public.invitations is synthesized by the matrix""");
    }

    @Test
    void failsDeleteWhereAPolicyIsTrue() {
        Map<String, String> failures = broken();
        assertThat(failures).containsKeys("notifications: a cannot DELETE rows of b",
                "notifications: b cannot DELETE rows of a");
        assertThat(failures.get("notifications: b cannot DELETE rows of a")).startsWith("""

                Expecting tenant b (role app_user, app.workspace_id = '2') not to delete rows of tenant a in \
                public.notifications,
                but a DELETE that reads no column removed 2 of tenant a's 2 rows:
                  <DELETE FROM public.notifications>""").contains("""
                  anyone_deletes (PERMISSIVE, DELETE, to app_user) USING (true)""",
                "(tenant a's row in public.notifications is synthesized by the matrix, the seed left none");
    }

    @Test
    void failsWhereAnotherSettingLiftsIsolation() {
        Map<String, String> failures = broken();
        assertThat(failures).containsKeys("Document: a cannot lift isolation by a setting",
                "Document: b cannot lift isolation by a setting");
        assertThat(failures.get("Document: b cannot lift isolation by a setting")).startsWith("""

                Expecting tenant b (role app_user, app.workspace_id = '2') to see none of tenant a's rows of \
                public.Document whatever other setting it sets,
                but with app.support_mode = 'on' it sees 2 of tenant a's 2 rows: any session can set a custom setting.
                Read only settings the application sets for the tenant, or check the role instead.
                Policies on public.Document for SELECT:
                  support_reads (PERMISSIVE, SELECT, to app_user) USING ((current_setting('app.support_mode'::text, \
                true) = 'on'::text))""");
    }

    @Test
    void failsWhereASettingReadInAFunctionThePolicyCallsLiftsIsolation() {
        Map<String, String> failures = broken();
        assertThat(failures).containsKeys("Project: a cannot lift isolation by a setting",
                "Project: b cannot lift isolation by a setting");
        assertThat(failures.get("Project: b cannot lift isolation by a setting")).startsWith("""

                Expecting tenant b (role app_user, app.workspace_id = '2') to see none of tenant a's rows of \
                public.Project whatever other setting it sets,
                but with app.staff_role = 'support' it sees 2 of tenant a's 2 rows: any session can set a custom \
                setting.""").contains("""
                  support_staff_reads (PERMISSIVE, SELECT, to app_user) USING (is_support())""");
    }

    @Test
    void saysWhyItCannotMakeTheFirstRowOfANotNullSelfReferenceOverAnAlwaysIdentity() {
        assertThat(broken().get("milestones: cannot be covered")).contains("foreign key milestones_workspaceId_parent_id_fkey"
                + " (workspaceId, parent_id) references public.milestones itself and may not be NULL, so its first row"
                + " must reference itself, and the matrix cannot know that row's id before the INSERT: it has no default"
                + " to take, or is GENERATED ALWAYS AS IDENTITY, which an INSERT may not set. Seed the first row, or give"
                + " id and workspaceId, parent_id in a row template");
    }

    @Test
    void failsInsertAsUnprovenWhereNoValueLetsTheTenantInsertItsOwnRow() {
        Map<String, String> failures = broken();
        assertThat(failures).containsKeys("api_keys: a cannot INSERT rows for b", "api_keys: b cannot INSERT rows for a");
        assertThat(failures.get("api_keys: b cannot INSERT rows for a")).startsWith("""

                Expecting tenant b (role app_user, app.workspace_id = '2') not to insert rows for tenant a into \
                public.api_keys,
                but it is unproven: tenant b cannot insert a row for itself either. The policies refused every row \
                tried, with name = 'rls-testkit-1'; name = 'rls-testkit-2'; name = 'rls-testkit-3';""").contains("""
                A refusal of tenant a's row by policies that refused every own row proves nothing: a row with other \
                values might pass.
                Policies on public.api_keys for INSERT:
                  named_after_role (RESTRICTIVE, INSERT, to app_user) WITH CHECK ((name = CURRENT_USER))""", """
                Give a row tenant b may insert: withRow("api_keys", Map.of("name", ...)); where tenants may not insert \
                into public.api_keys at all, leave the command out: excludingCommand("api_keys", "INSERT").""");
    }

    @Test
    void failsOnlyTheBrokenTablesWhenAllBrokenVariantsShareOneDatabase() {
        assertThat(broken()).containsOnlyKeys("issue_links: a cannot attach rows to b's parents",
                "issue_links: b cannot attach rows to a's parents",
                "issue_links: a cannot attach rows to b's parents by UPDATE",
                "issue_links: b cannot attach rows to a's parents by UPDATE", "webhooks: a cannot move its rows to b",
                "webhooks: b cannot move its rows to a", "time_entries: a cannot TRUNCATE",
                "time_entries: b cannot TRUNCATE", "invitations: a cannot INSERT rows for b",
                "invitations: b cannot INSERT rows for a", "notifications: a cannot DELETE rows of b",
                "notifications: b cannot DELETE rows of a", "Document: a cannot lift isolation by a setting",
                "Document: b cannot lift isolation by a setting", "api_keys: a cannot INSERT rows for b",
                "api_keys: b cannot INSERT rows for a", "Project: a cannot lift isolation by a setting",
                "Project: b cannot lift isolation by a setting", "milestones: cannot be covered",
                "issue_votes: a cannot SELECT rows of b", "issue_votes: b cannot SELECT rows of a",
                "issue_votes: a cannot INSERT rows for b", "issue_votes: b cannot INSERT rows for a",
                "issue_votes: a cannot move its rows to b", "issue_votes: b cannot move its rows to a",
                "boards: cannot be covered");
    }

    /** The deny matrix on the sound schema, run once for the class. */
    private static synchronized EngineExecutionResults sound() {
        if (soundResults == null) {
            soundResults = Fixtures.run(Sound.class);
        }
        return soundResults;
    }

    /** The failures of the deny matrix on the schema with every broken variant applied, run once for the class. */
    private static synchronized Map<String, String> broken() {
        if (brokenFailures == null) {
            brokenResults = Fixtures.run(Broken.class);
            brokenFailures = failures(brokenResults);
        }
        return brokenFailures;
    }

    static Map<String, String> failures(EngineExecutionResults results) {
        Map<String, String> failures = new LinkedHashMap<>();
        results.allEvents().failed().stream().forEach(event -> failures.put(event.getTestDescriptor()
                .getDisplayName(), event.getRequiredPayload(TestExecutionResult.class).getThrowable()
                .map(Throwable::getMessage).orElse("")));
        return failures;
    }

    @Fixture
    @RlsTest(migrations = {SCHEMA, SHAPES}, seed = SEED, tenantRole = "app_user", tenantSetting = "app.workspace_id",
            tenantColumn = "workspaceId")
    static class Sound {
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.tests();
        }
    }

    /** Each broken variant breaks a table of its own, so that one database holds them all. */
    @Fixture
    @RlsTest(migrations = {SCHEMA, BROKEN + "fk-across", BROKEN + "update-moves", BROKEN + "truncate",
            BROKEN + "insert-ignores-owner", BROKEN + "delete-true", BROKEN + "support-setting",
            BROKEN + "insert-refused", BROKEN + "support-function", BROKEN + "self-reference-always",
            BROKEN + "through-parent", BROKEN + "membership-key"}, seed = SEED, tenantRole = "app_user", tenantSetting = "app.workspace_id",
            tenantColumn = "workspaceId")
    static class Broken {
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.tests();
        }
    }

    @Fixture
    @RlsTest(migrations = {SCHEMA, SHAPES}, seed = FULL_SEED, tenantRole = "app_user",
            tenantSetting = "app.workspace_id", tenantColumn = "workspaceId")
    static class HandSeeded {
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.tests();
        }
    }

}
