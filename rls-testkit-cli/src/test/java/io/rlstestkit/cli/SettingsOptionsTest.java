package io.rlstestkit.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The flags that reach into a field's parts (a named scope's settings, a table's row values) read into the settings. */
class SettingsOptionsTest {

    @Test
    void scopeAndRowFlagsFillTheFieldsTheFileWouldGive() {
        // GIVEN
        CheckCommand check = new CheckCommand();
        new CommandLine(check).parseArgs("--migrations", Cli.PROJECTS.resolve("flyway/sound/db/migrations").toString(),
                "--scope", "webhook=app_user:app.current_installation_id,app.current_repository_id",
                "--scope-setting", "webhook:app.source=github",
                "--scope-setting", "auditor:app.role=auditor",
                "--row", "basejump.accounts:personal_account=false",
                "--row", "basejump.accounts:slug=${tenant.key}-team",
                "--tenant-expression", "uploads=split_part(path, '/', 1)");

        // WHEN
        Settings settings = check.options.settings();

        // THEN
        Settings.Scope webhook = settings.scopes.get("webhook");
        assertThat(webhook.role).isEqualTo("app_user");
        assertThat(webhook.tenantSettings).containsExactly("app.current_installation_id", "app.current_repository_id");
        assertThat(webhook.settings).containsExactly(Map.entry("app.source", "github"));
        assertThat(settings.scopes.get("auditor").role).isNull();
        assertThat(settings.scopes.get("auditor").settings).containsExactly(Map.entry("app.role", "auditor"));
        assertThat(settings.rows).containsExactly(Map.entry("basejump.accounts",
                Map.of("personal_account", "false", "slug", "${tenant.key}-team")));
        assertThat(settings.tenantExpressions).containsExactly(Map.entry("uploads", "split_part(path, '/', 1)"));
        assertThat(List.copyOf(settings.rows.get("basejump.accounts").keySet()))
                .containsExactly("personal_account", "slug");
    }

    @Test
    void aScopeSettingWithoutItsScopeIsRefused() {
        Cli.Run run = Cli.run("check", "--migrations", Cli.PROJECTS.resolve("flyway/sound/db/migrations").toString(),
                "--tenant-role", "app_user", "--scope-setting", "app.role=auditor");

        ConfigurationErrorTest.assertUserError(run, "Expecting --scope-setting NAME:SETTING=VALUE, but was"
                + " 'app.role=auditor'.");
    }
}
