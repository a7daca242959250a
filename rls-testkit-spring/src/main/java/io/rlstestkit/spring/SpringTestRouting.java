package io.rlstestkit.spring;

import io.rlstestkit.RlsDatabase;
import io.rlstestkit.RlsTest;
import io.rlstestkit.TestDatabaseListener;
import io.rlstestkit.guard.TenantContextViolation;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Follows the kit's tests ({@link TestDatabaseListener}, registered in {@code META-INF/services}): before each test
 * of a Spring test class, points the context's routing data sources at the test's database, behind the guard where
 * {@link RlsTest#guard()} asks for it; after it, closes their pools and fails the test with the guard's violations,
 * those on threads that swallowed them too. Tests without a Spring context are left alone.
 */
@API(status = INTERNAL)
public final class SpringTestRouting implements TestDatabaseListener {

    @Override
    public void beforeEach(ExtensionContext context, Supplier<RlsDatabase> database) {
        List<RoutingDataSource> routing = routing(context);
        if (routing.isEmpty()) {
            return;
        }
        RlsDatabase current = database.get();
        RlsTest settings = settings(context.getRequiredTestClass());
        String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        for (RoutingDataSource each : routing) {
            each.open(test, current, settings);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> violations = new ArrayList<>();
        for (RoutingDataSource routing : routing(context)) {
            Optional.ofNullable(routing.violations()).ifPresent(violations::add);
            routing.close();
        }
        if (!violations.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new TenantContextViolation("Expecting no statement without a tenant context, but the guard of the"
                    + " application's data source found:\n\n" + String.join("\n\n", violations));
        }
    }

    /** The routing data sources of the test's application context; none for a test without one. */
    private static List<RoutingDataSource> routing(ExtensionContext context) {
        if (!springTest(context.getRequiredTestClass())) {
            return List.of();
        }
        ApplicationContext application = SpringExtension.getApplicationContext(context);
        List<RoutingDataSource> result = new ArrayList<>();
        for (DataSource bean : application.getBeansOfType(DataSource.class).values()) {
            if (bean instanceof RoutingDataSource routing) {
                result.add(routing);
            }
        }
        return result;
    }

    /** Whether Spring's extension runs the class ({@code @SpringBootTest}, {@code @SpringJUnitConfig}, ...). */
    private static boolean springTest(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            boolean spring = AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class).stream()
                    .anyMatch(extendWith -> Arrays.asList(extendWith.value()).contains(SpringExtension.class));
            if (spring) {
                return true;
            }
        }
        return false;
    }

    /**
     * The test's {@code @RlsTest}, as the kit finds it (on the class or one enclosing it); {@code null} for a class
     * that registers the kit's extension programmatically.
     */
    private static RlsTest settings(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<RlsTest> found = AnnotationSupport.findAnnotation(type, RlsTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return null;
    }
}
