package io.rlstestkit;

import io.rlstestkit.internal.audit.Acceptance;
import io.rlstestkit.internal.audit.Baseline;
import io.rlstestkit.internal.audit.Origins;
import io.rlstestkit.internal.audit.SarifLog;
import io.rlstestkit.internal.audit.PolicyAudit;
import io.rlstestkit.internal.environment.ConfigurationBuilder;
import io.rlstestkit.internal.environment.KitConfiguration;
import io.rlstestkit.internal.environment.RunAudit;
import io.rlstestkit.internal.environment.TestRun;
import io.rlstestkit.internal.migration.MigrationFiles;
import io.rlstestkit.internal.matrix.Matrix;
import io.rlstestkit.internal.report.CoverageLog;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The injectable checks of a test run beyond sessions: the policy audit and the deny matrix. */
final class Injectables {

    private Injectables() {
    }

    /** Whether a parameter type is one of them. */
    static boolean supports(Class<?> type) {
        return type == RlsAudit.class || type == DenyMatrix.class;
    }

    /** The audit or the matrix of a test run. */
    static Object resolve(Class<?> type, TestRun run, ExtensionContext context, ConfigurationBuilder programmatic) {
        if (type == DenyMatrix.class) {
            return new MatrixTests(new Matrix(run));
        }
        List<Acceptance> acceptances = new ArrayList<>(programmatic == null ? List.of() : programmatic.acceptances());
        acceptances.addAll(annotated(context));
        String environment = run.environmentLabel();
        String source = run.source();
        boolean writeBaseline = context.getConfigurationParameter(Baseline.WRITE_KEY).map(String::strip)
                .map(Boolean::parseBoolean).orElse(false);
        Path directory = Path.of(context.getConfigurationParameter(RlsExtension.COVERAGE_DIRECTORY_KEY)
                .map(String::strip).filter(value -> !value.isEmpty()).orElse("target/rls-testkit"));
        return new PolicyAudit(() -> RunAudit.audit(run), acceptances, report -> {
            CoverageLog.instance().audited(environment, source, report.findings());
            KitConfiguration configuration = run.environment().configuration();
            SarifLog.instance().add(directory, report, Origins.of(MigrationFiles.scan(configuration.migrations(),
                    configuration.classLoader(), List.of(".sql")), Path.of("")));
        }, writeBaseline);
    }

    /** The acceptances declared with {@link AcceptFinding} on the test method and its classes. */
    private static List<Acceptance> annotated(ExtensionContext context) {
        List<Acceptance> acceptances = new ArrayList<>();
        Method method = context.getRequiredTestMethod();
        for (AcceptFinding accept : AnnotationSupport.findRepeatableAnnotations(method, AcceptFinding.class)) {
            acceptances.add(Acceptance.of(accept.code(), accept.object(), accept.because(),
                    "@AcceptFinding on " + method.getDeclaringClass().getName() + "." + method.getName()));
        }
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
            for (AcceptFinding accept : AnnotationSupport.findRepeatableAnnotations(type, AcceptFinding.class)) {
                acceptances.add(Acceptance.of(accept.code(), accept.object(), accept.because(),
                        "@AcceptFinding on " + type.getName()));
            }
        }
        return acceptances;
    }
}
