package io.rlstestkit.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kit's messages in the command's words: where a message tells a Java user what to call on the kit's builder
 * ({@code withRow("accounts", Map.of("slug", ...))}), the command's user reads the flag that does it
 * ({@code --row accounts:slug=VALUE}), which is also a field of {@code rls-testkit.yaml}.
 */
final class KitWords {

    private record Rewrite(Pattern call, java.util.function.Function<Matcher, String> flag) {
    }

    private static final List<Rewrite> REWRITES = List.of(
            new Rewrite(Pattern.compile("withRow\\(\"([^\"]+)\", Map\\.of\\(\"([^\"]+)\", (?:value, )?\\.\\.\\.\\)\\)"),
                    m -> "--row " + m.group(1) + ":" + (m.group(2).equals("column") ? "COLUMN" : m.group(2))
                            + "=VALUE"),
            new Rewrite(Pattern.compile("excludingCommand\\(\"([^\"]+)\", \"([A-Z]+)\"\\)"),
                    m -> "--exclude " + m.group(1) + ":" + m.group(2)),
            new Rewrite(Pattern.compile("tenantExpression\\(\"([^\"]+)\", \"([^\"]*)\"\\)"),
                    m -> "--tenant-expression \"" + m.group(1) + "=" + (m.group(2).equals("...") ? "EXPRESSION"
                            : m.group(2)) + "\""),
            new Rewrite(Pattern.compile("tenantColumn\\(\"([^\"]+)\", \"([^\"]*)\"\\)"),
                    m -> "--tenant-columns " + m.group(1) + "=" + (m.group(2).equals("...") ? "COLUMN" : m.group(2))),
            new Rewrite(Pattern.compile("\\(tenantColumn, or "), m -> "(--tenant-column, or "),
            new Rewrite(Pattern.compile("@RlsTest\\(migrations = \\.\\.\\.\\)"), m -> "--migrations"),
            new Rewrite(Pattern.compile("; the kit migrates to head before the first test of the configuration\\."),
                    m -> "."),
            new Rewrite(Pattern.compile("tenantSetting\\(\"([^\"]+)\", \\.\\.\\.\\)"),
                    m -> "--tenant-settings " + m.group(1)));

    private KitWords() {
    }

    /** The message with each call of the kit's builder it names replaced by the command's flag. */
    static String forCommandLine(String message) {
        if (message == null) {
            return null;
        }
        String text = message;
        for (Rewrite rewrite : REWRITES) {
            Matcher matcher = rewrite.call().matcher(text);
            StringBuilder rewritten = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(rewritten, Matcher.quoteReplacement(rewrite.flag().apply(matcher)));
            }
            text = matcher.appendTail(rewritten).toString();
        }
        return text;
    }
}
