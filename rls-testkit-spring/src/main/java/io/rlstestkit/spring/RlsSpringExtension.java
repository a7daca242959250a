package io.rlstestkit.spring;

import io.rlstestkit.RlsDatabase;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.guard.TenantContextViolation;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Before each test, points the context's routing data sources at the test's database, the one the kit resolves for
 * an {@link RlsDatabase} parameter of the same test; after it, closes their pools and fails the test with the
 * guard's violations, those on threads that swallowed them too.
 */
final class RlsSpringExtension implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        RlsDatabase database = database(context);
        RlsDataSource settings = settings(context);
        String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        for (RoutingDataSource routing : routing(context)) {
            routing.open(test, database, settings);
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

    private static List<RoutingDataSource> routing(ExtensionContext context) {
        ApplicationContext application = SpringExtension.getApplicationContext(context);
        List<RoutingDataSource> result = new ArrayList<>();
        for (Object bean : application.getBeansOfType(javax.sql.DataSource.class).values()) {
            if (bean instanceof RoutingDataSource routing) {
                result.add(routing);
            }
        }
        return result;
    }

    private static RlsDataSource settings(ExtensionContext context) {
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
            Optional<RlsDataSource> found = AnnotationSupport.findAnnotation(type, RlsDataSource.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return null;
    }

    /** The test's database, as the kit resolves it for a parameter: the same copy the test's own parameters get. */
    private static RlsDatabase database(ExtensionContext context) {
        RlsExtension extension = registered(context).orElseGet(RlsExtension::new);
        return (RlsDatabase) extension.resolveParameter(new DatabaseParameter(), context);
    }

    /** The extension the test class registers with {@code @RegisterExtension}, if it configures the kit so. */
    private static Optional<RlsExtension> registered(ExtensionContext context) {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(context.getRequiredTestClass(),
                RegisterExtension.class, field -> RlsExtension.class.isAssignableFrom(field.getType())
                        && Modifier.isStatic(field.getModifiers()), HierarchyTraversalMode.TOP_DOWN);
        return fields.stream().findFirst().map(field -> (RlsExtension) ReflectionSupport.tryToReadFieldValue(field, null)
                .toOptional().orElseThrow());
    }

    /** The parameter of {@link #parameter(RlsDatabase)}: what the kit resolves to the test's database. */
    private static final class DatabaseParameter implements ParameterContext {
        private static final Parameter PARAMETER = ReflectionSupport.findMethod(RlsSpringExtension.class,
                "parameter", RlsDatabase.class).orElseThrow().getParameters()[0];

        @Override
        public Parameter getParameter() {
            return PARAMETER;
        }

        @Override
        public int getIndex() {
            return 0;
        }

        @Override
        public Optional<Object> getTarget() {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unused")
    private static void parameter(RlsDatabase database) {
        // only its parameter is used: the kit resolves an RlsDatabase for it
    }
}
