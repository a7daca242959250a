package io.rlstestkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Folders of other tools: an Alembic offline export ({@code alembic upgrade head --sql}) and a Supabase project. This
 * version of the kit reads Flyway's layout only, so that a format it does not read ends in a clear exit 2, never a
 * pass on zero tables; the fixtures' SQL is proved sound and broken meanwhile through Flyway's names.
 */
class MigrationFormatTest {

    private static final Path ALEMBIC = Cli.PROJECTS.resolve("alembic");
    private static final Path SUPABASE = Cli.PROJECTS.resolve("supabase");

    @Test
    void aFormatThisVersionDoesNotReadIsRefusedByName() {
        Cli.Run alembic = alembic("sound", "--format", "sql");
        ConfigurationErrorTest.assertUserError(alembic, "Expecting a migration format that this version reads"
                + " (auto, flyway), but was 'sql'.");

        Cli.Run supabase = supabase("sound", SUPABASE.resolve("sound/supabase/migrations"), "--format", "supabase");
        ConfigurationErrorTest.assertUserError(supabase, "but was 'supabase'.");
    }

    @Test
    void aFolderInAnotherLayoutIsAnErrorNotAPass() {
        Cli.Run run = supabase("broken", SUPABASE.resolve("broken/supabase/migrations"));

        ConfigurationErrorTest.assertUserError(run, "Expecting Flyway migrations (V<version>__<description>.sql) at"
                + " filesystem:" + SUPABASE.resolve("broken/supabase/migrations") + ", but Flyway found none there.");
    }

    @Test
    void supabaseFixturesAreSoundAndBrokenUnderFlywaysNames(@TempDir Path temp) throws IOException {
        Cli.Run sound = supabase("sound", asFlyway(SUPABASE.resolve("sound/supabase/migrations"), temp.resolve("sound")));
        assertThat(sound.exitCode()).as(sound.toString()).isEqualTo(CheckResult.PROVED);
        assertThat(sound.out()).contains("[x] notes: 8 probes held");

        Cli.Run broken = supabase("broken", asFlyway(SUPABASE.resolve("broken/supabase/migrations"), temp.resolve("broken")));
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(CheckResult.FAILED);
        assertThat(broken.out()).contains("ERROR PERMISSIVE_TRUE public.notes", "FAILED notes: b cannot SELECT rows of a");
    }

    @Test
    void alembicFixturesAreSoundAndBrokenUnderFlywaysNames(@TempDir Path temp) throws IOException {
        Cli.Run sound = alembicAt(asFlyway(ALEMBIC.resolve("sound/db/rls"), temp.resolve("sound")), "sound");
        assertThat(sound.exitCode()).as(sound.toString()).isEqualTo(CheckResult.PROVED);
        assertThat(sound.out()).contains("[x] documents: 8 probes held");

        Cli.Run broken = alembicAt(asFlyway(ALEMBIC.resolve("broken/db/rls"), temp.resolve("broken")), "broken");
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(CheckResult.FAILED);
        assertThat(broken.out()).contains("ERROR PERMISSIVE_TRUE public.documents",
                "FAILED documents: b cannot SELECT rows of a");
    }

    private static Cli.Run alembic(String project, String... more) {
        return alembicAt(ALEMBIC.resolve(project).resolve("db/rls"), project, more);
    }

    private static Cli.Run alembicAt(Path migrations, String project, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("check", "--migrations", migrations.toString(),
                "--seed", ALEMBIC.resolve(project).resolve("db/seed.sql").toString(), "--roles", "app_user",
                "--tenant-column", "workspace_id", "--tenant-role", "app_user",
                "--tenant-setting", "app.current_workspace_id"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static Cli.Run supabase(String project, Path migrations, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("check", "--supabase", "--tenant-column", "user_id",
                "--exclude", "storage.buckets,storage.objects", "--migrations", migrations.toString(),
                "--seed", SUPABASE.resolve(project).resolve("supabase/seed.sql").toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /** The folder's scripts in file name order, renamed V1__..., V2__... as Flyway names them. */
    private static Path asFlyway(Path folder, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> scripts = files.sorted().toList();
            for (int i = 0; i < scripts.size(); i++) {
                Files.copy(scripts.get(i), target.resolve("V" + (i + 1) + "__" + scripts.get(i).getFileName()));
            }
        }
        return target;
    }
}
