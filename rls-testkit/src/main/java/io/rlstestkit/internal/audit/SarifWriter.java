package io.rlstestkit.internal.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.Severity;
import io.rlstestkit.internal.scope.Json;
import org.apiguardian.api.API;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Writes findings as a SARIF 2.1.0 log, the format code scanning reads (GitHub shows each result on the pull request,
 * at the migration line that made its object). Knows nothing of JUnit: a command line can write the same log.
 * Accepted findings are results with a suppression that carries the justification.
 */
@API(status = INTERNAL)
public final class SarifWriter {

    /** The SARIF version written. */
    public static final String VERSION = "2.1.0";

    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private static final Map<String, String> RULES = new LinkedHashMap<>();

    static {
        RULES.put(RlsAudit.RLS_DISABLED, "A table with the tenant column whose row-level security is off.");
        RULES.put(RlsAudit.RLS_NOT_FORCED, "A table whose row-level security is not forced, owned by a tenant role.");
        RULES.put(RlsAudit.NO_POLICY, "Row-level security on and no policy (or only restrictive ones) for a role.");
        RULES.put(RlsAudit.PERMISSIVE_TRUE, "A permissive policy that is constant true for a tenant role or PUBLIC.");
        RULES.put(RlsAudit.ROLE_BYPASSES_RLS, "A tenant role that is a superuser or has BYPASSRLS.");
        RULES.put(RlsAudit.SECURITY_DEFINER_NO_SEARCH_PATH, "A SECURITY DEFINER function without a fixed search_path.");
        RULES.put(RlsAudit.VIEW_BYPASSES_RLS, "A view that reads a table with row-level security as its owner.");
        RULES.put(RlsAudit.POLICY_READS_OWN_TABLE, "A policy that reads its own table (infinite recursion).");
        RULES.put(RlsAudit.SETTING_READ_WITHOUT_MISSING_OK, "The tenant setting read without missing_ok.");
        RULES.put(RlsAudit.POLICY_COLUMN_NOT_INDEXED, "A column the policies filter on that no index leads with.");
        RULES.put(RlsAudit.SECURITY_DEFINER_READS_RLS_TABLE, "A SECURITY DEFINER function that reads past policies.");
        RULES.put(RlsAudit.CASCADE_BYPASSES_RLS, "A cascade between tenant tables, which policies do not filter.");
        RULES.put(RlsAudit.FOREIGN_KEY_CROSSES_TENANTS, "A foreign key between tenant tables without the tenant.");
        RULES.put(RlsAudit.TRUNCATE_GRANTED, "TRUNCATE (or TRIGGER, REFERENCES) that acts past policies.");
        RULES.put(RlsAudit.BYPASS_BY_SETTING, "A policy that admits rows by a session setting any session can set.");
        RULES.put(RlsAudit.WITH_CHECK_IGNORES_TENANT, "A WITH CHECK that lets a tenant write another's rows.");
        RULES.put(RlsAudit.POLICY_IGNORES_TENANT, "A permissive policy that neither constrains nor reads the tenant.");
        RULES.put(RlsAudit.POLICY_READS_UNSET_SETTING, "A policy compares a column with a setting no scope sets.");
        RULES.put(RlsAudit.POLICY_WITHOUT_RLS, "A table with policies whose row-level security is off.");
        RULES.put(RlsAudit.ROLE_CAN_BECOME_BYPASS, "A tenant role that may become a role that bypasses policies.");
        RULES.put(RlsAudit.POLICY_PER_ROW_CALL, "A policy that calls auth.uid() or current_setting() once per row.");
        RULES.put(RlsAudit.MULTIPLE_PERMISSIVE_POLICIES, "Several permissive policies for one role and command.");
    }

    /** The rule of a failed probe of the deny matrix. */
    public static final String DENY_MATRIX = "DENY_MATRIX";
    /** The rule of a failed migration round trip. */
    public static final String ROUND_TRIP = "ROUND_TRIP";

    private static final Map<String, String> CHECK_RULES = Map.of(
            DENY_MATRIX, "Deny-path matrix: a tenant reaches another tenant's rows, or a table cannot be covered.",
            ROUND_TRIP, "Migration round trip: undoing a migration does not restore the schema.");

    /**
     * A failed check of a run beyond the audit, written as a result of its rule.
     *
     * @param rule    {@link #DENY_MATRIX} or {@link #ROUND_TRIP}
     * @param name    the check's name (the probe's, as the matrix names it)
     * @param message why it failed, or {@code null}
     * @param object  the table it checked, or {@code null}
     * @param origin  where its object was made, where known
     */
    public record Failure(String rule, String name, String message, String object, Optional<Origins.Origin> origin) {

        /** Checks the rule. */
        public Failure {
            if (!CHECK_RULES.containsKey(rule)) {
                throw new IllegalArgumentException("Expecting the rule of a failed check to be one of "
                        + new java.util.TreeSet<>(CHECK_RULES.keySet()) + ", but was " + rule + ".");
            }
        }
    }

    private SarifWriter() {
    }

    /**
     * The SARIF log of findings.
     *
     * @param findings the findings, accepted ones included
     * @param origins  where each finding's object was made, where known
     * @param notes    what the run says once, not as a result (the tables left out as shared)
     * @return the log, as JSON text
     */
    public static String write(List<Finding> findings, Function<Finding, Optional<Origins.Origin>> origins,
                               List<String> notes) {
        return write(findings, origins, notes, List.of());
    }

    /**
     * The SARIF log of findings and of the failed checks of the deny matrix and the round trip, each a result of
     * its rule ({@link #DENY_MATRIX}, {@link #ROUND_TRIP}), listed after the audit's.
     *
     * @param findings the findings, accepted ones included
     * @param origins  where each finding's object was made, where known
     * @param notes    what the run says once, not as a result (the tables left out as shared)
     * @param failures the failed checks
     * @return the log, as JSON text
     */
    public static String write(List<Finding> findings, Function<Finding, Optional<Origins.Origin>> origins,
                               List<String> notes, List<Failure> failures) {
        List<Object> rules = new ArrayList<>();
        for (String code : RlsAudit.CODES) {
            rules.add(map("id", code, "name", code, "shortDescription", map("text", RULES.get(code))));
        }
        List<String> checkRules = failures.stream().map(Failure::rule).distinct().sorted().toList();
        for (String rule : checkRules) {
            rules.add(map("id", rule, "name", rule, "shortDescription", map("text", CHECK_RULES.get(rule))));
        }
        List<Object> results = new ArrayList<>();
        for (Finding finding : findings) {
            Map<String, Object> location = new LinkedHashMap<>();
            origins.apply(finding).ifPresent(origin -> location.put("physicalLocation", map(
                    "artifactLocation", map("uri", origin.uri()), "region", map("startLine", origin.line()))));
            location.put("logicalLocations", List.of(map("fullyQualifiedName", finding.object())));
            Map<String, Object> result = map("ruleId", finding.code(), "ruleIndex", RlsAudit.CODES.indexOf(finding.code()),
                    "level", level(finding.severity()), "message", map("text", finding.message()),
                    "locations", List.of(location),
                    "partialFingerprints", map("rlsTestkitFinding/v1", fingerprint(finding)));
            if (finding.accepted()) {
                result.put("suppressions", List.of(map("kind", "external", "status", "accepted",
                        "justification", finding.acceptedBecause())));
            }
            results.add(result);
        }
        for (Failure failure : failures) {
            Map<String, Object> location = new LinkedHashMap<>();
            failure.origin().ifPresent(origin -> location.put("physicalLocation", map(
                    "artifactLocation", map("uri", origin.uri()), "region", map("startLine", origin.line()))));
            if (failure.object() != null) {
                location.put("logicalLocations", List.of(map("fullyQualifiedName", failure.object())));
            }
            Map<String, Object> result = map("ruleId", failure.rule(),
                    "ruleIndex", RlsAudit.CODES.size() + checkRules.indexOf(failure.rule()), "level", "error",
                    "message", map("text", failure.message() == null ? failure.name()
                            : failure.name() + "\n" + failure.message().strip()),
                    "partialFingerprints", map("rlsTestkitFinding/v1", fingerprint(failure.rule(), failure.name())));
            if (!location.isEmpty()) {
                result.put("locations", List.of(location));
            }
            results.add(result);
        }
        List<Object> notifications = new ArrayList<>();
        for (String note : notes) {
            notifications.add(map("level", "note", "message", map("text", note)));
        }
        Map<String, Object> run = map("tool", map("driver", map("name", "rls-testkit", "rules", rules)),
                "invocations", List.of(map("executionSuccessful", true, "toolExecutionNotifications", notifications)),
                "results", results);
        return Json.write(map("$schema", SCHEMA, "version", VERSION, "runs", List.of(run))) + "\n";
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** A fingerprint that stays while the finding does: its code and object. */
    private static String fingerprint(Finding finding) {
        return fingerprint(finding.code(), finding.object());
    }

    private static String fingerprint(String rule, String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((rule + " " + subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static Map<String, Object> map(Object... entries) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], entries[i + 1]);
        }
        return map;
    }
}
