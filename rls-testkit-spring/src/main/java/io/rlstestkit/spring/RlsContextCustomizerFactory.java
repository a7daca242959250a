package io.rlstestkit.spring;

import io.rlstestkit.RlsTest;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import java.util.List;

/**
 * Customizes the context of every test class annotated with {@code @RlsTest} (directly or as a meta-annotation):
 * its {@code DataSource} beans route to the current test's database. Registered in
 * {@code META-INF/spring.factories}.
 */
public class RlsContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        boolean rlsTest = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(RlsTest.class);
        return rlsTest ? new RoutingCustomizer() : null;
    }
}
