package io.rlstestkit.spring;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that runs only through the engine test kit, with the configuration parameter {@link #KEY}, from a
 * test that asserts its outcome; never on its own (Surefire, an IDE), where it is disabled.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(Fixture.OnlyAsFixture.class)
@interface Fixture {

    String KEY = "rlstestkit.spring.fixture";

    final class OnlyAsFixture implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY).filter("true"::equals).isPresent()
                    ? ConditionEvaluationResult.enabled("run as a fixture")
                    : ConditionEvaluationResult.disabled("a fixture, run through the test that asserts its outcome");
        }
    }
}
