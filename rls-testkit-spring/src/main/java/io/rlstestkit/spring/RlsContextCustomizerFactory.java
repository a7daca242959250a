package io.rlstestkit.spring;

import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

import java.util.List;

/**
 * Customizes the context of every test class the kit runs, annotated with {@code @RlsTest} (directly, as a
 * meta-annotation, or on the enclosing class of a {@code @Nested} one, as Spring inherits configuration) or
 * registering a configured {@link RlsExtension}: its {@code DataSource} beans route to the current test's database
 * ({@link SpringTestRouting} switches them per test). Registered in {@code META-INF/spring.factories},
 * spring-test's mechanism for customizers that apply without an annotation.
 */
public class RlsContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        boolean rlsTest = TestContextAnnotationUtils.hasAnnotation(testClass, RlsTest.class);
        boolean registered = !AnnotationSupport.findAnnotatedFields(testClass, RegisterExtension.class,
                field -> RlsExtension.class.isAssignableFrom(field.getType())).isEmpty();
        return rlsTest || registered ? new RoutingCustomizer() : null;
    }
}
