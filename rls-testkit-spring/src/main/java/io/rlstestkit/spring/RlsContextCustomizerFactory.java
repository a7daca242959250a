package io.rlstestkit.spring;

import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import java.util.List;

/**
 * Customizes the context of every test class the kit runs, annotated with {@code @RlsTest} (directly or as a
 * meta-annotation) or registering a configured {@link RlsExtension}: its {@code DataSource} beans route to the
 * current test's database ({@link SpringTestRouting} switches them per test). Registered in
 * {@code META-INF/spring.factories}, spring-test's mechanism for customizers that apply without an annotation.
 */
public class RlsContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        boolean rlsTest = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(RlsTest.class);
        boolean registered = !AnnotationSupport.findAnnotatedFields(testClass, RegisterExtension.class,
                field -> RlsExtension.class.isAssignableFrom(field.getType())).isEmpty();
        return rlsTest || registered ? new RoutingCustomizer() : null;
    }
}
