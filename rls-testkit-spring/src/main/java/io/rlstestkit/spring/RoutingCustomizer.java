package io.rlstestkit.spring;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import javax.sql.DataSource;
import java.util.Map;

/**
 * Switches Spring Boot's Flyway off, gives the application's data source a URL that names what happens instead, and
 * wraps every {@code DataSource} bean in a {@link RoutingDataSource}. Equal to every other instance, so that it
 * does not split Spring's context cache.
 */
final class RoutingCustomizer implements ContextCustomizer {

    /** The URL the application's own pool configuration carries; never connected to. */
    static final String PLACEHOLDER_URL = "jdbc:postgresql://rls-testkit.invalid/routed-to-each-test";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("rls-testkit", Map.of(
                "spring.flyway.enabled", "false",
                "spring.datasource.url", PLACEHOLDER_URL)));
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) throws BeansException {
                if (bean instanceof DataSource dataSource && !(bean instanceof RoutingDataSource)) {
                    return new RoutingDataSource(name, dataSource);
                }
                return bean;
            }
        });
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RoutingCustomizer;
    }

    @Override
    public int hashCode() {
        return RoutingCustomizer.class.hashCode();
    }
}
