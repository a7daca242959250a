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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Follows the kit's tests ({@link TestDatabaseListener}, registered in {@code META-INF/services}). When a test of a
 * Spring test class is about to start, it keeps the way to the test's database for the test's thread, so that a
 * routing data source asked for a connection before the kit's {@code beforeEach} (by Spring's extension, declared
 * first: a {@code @Transactional} test's transaction, {@code @Sql} scripts) routes itself to it; before the test's
 * {@code @BeforeEach} methods it points every routing data source of the context at the test's database, behind the
 * guard where the configuration asks for it ({@link RlsTest#guard()}). After the test it fails the test with the
 * guard's violations, those on threads that swallowed them too; the pools close with the test's store, after every
 * extension's {@code afterEach} (Spring's rollback among them). Tests without a Spring context are left alone.
 */
@API(status = INTERNAL)
public final class SpringTestRouting implements TestDatabaseListener {

    /** The JUnit store namespace of the module: the routing data sources' pools close with the test's store. */
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SpringTestRouting.class);

    /** The test about to start on this thread, and how to reach its database. */
    private record Starting(ExtensionContext context, Supplier<RlsDatabase> database) {
    }

    /** Forgets the starting test when its store closes. */
    @SuppressWarnings("deprecation")
    private record Forget(Starting starting) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            if (STARTING.get() == starting) {
                STARTING.remove();
            }
        }
    }

    private static final ThreadLocal<Starting> STARTING = new ThreadLocal<>();

    /**
     * The routing data sources a test opened; closed with the test's store, after every extension's
     * {@code afterEach} (Spring's rollback of a {@code @Transactional} test among them) and before the kit gives the
     * test's database back.
     */
    @SuppressWarnings("deprecation")
    private static final class Opened implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final String id;
        private final List<RoutingDataSource> routing = new CopyOnWriteArrayList<>();

        Opened(String id) {
            this.id = id;
        }

        @Override
        public void close() {
            routing.forEach(each -> each.close(id));
        }
    }

    /** Routes a data source to the test's database, and has it closed with the test's store. */
    private static void open(RoutingDataSource routing, ExtensionContext context, RlsDatabase database) {
        if (routing.open(context, database)) {
            opened(context).routing.add(routing);
        }
    }

    private static Opened opened(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Opened.class,
                key -> new Opened(context.getUniqueId()), Opened.class);
    }

    @Override
    public void testStarting(ExtensionContext context, Supplier<RlsDatabase> database) {
        if (!springTest(context.getRequiredTestClass())) {
            return;
        }
        Starting starting = new Starting(context, database);
        STARTING.set(starting);
        context.getStore(NAMESPACE).put(Forget.class, new Forget(starting));
    }

    /**
     * Routes a data source that was asked for a connection before the kit's {@code beforeEach} to the database of the
     * test starting on this thread.
     *
     * @return whether a test is starting on this thread
     */
    static boolean openStartingTest(RoutingDataSource routing) {
        Starting starting = STARTING.get();
        if (starting == null) {
            return false;
        }
        open(routing, starting.context(), starting.database().get());
        return true;
    }

    @Override
    public void beforeEach(ExtensionContext context, Supplier<RlsDatabase> database) {
        List<RoutingDataSource> routing = routing(context);
        if (routing.isEmpty()) {
            return;
        }
        RlsDatabase current = database.get();
        for (RoutingDataSource each : routing) {
            open(each, context, current);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!springTest(context.getRequiredTestClass())) {
            return;
        }
        List<String> violations = new ArrayList<>();
        for (RoutingDataSource routing : opened(context).routing) {
            Optional.ofNullable(routing.violations()).ifPresent(violations::add);
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
}
