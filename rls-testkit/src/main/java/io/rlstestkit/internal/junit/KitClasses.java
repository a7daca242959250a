package io.rlstestkit.internal.junit;

import io.rlstestkit.RlsExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.Arrays;

/** Which test classes use the kit: those in whose extension registry {@link RlsExtension} is. */
final class KitClasses {

    private KitClasses() {
    }

    /**
     * Whether a test class registers {@link RlsExtension}: with {@code @RlsTest} (or an annotation composed from it),
     * {@code @ExtendWith}, or {@code @RegisterExtension}; or, for a {@code @Nested} class, its enclosing class does.
     */
    static boolean usesKit(Class<?> type) {
        for (Class<?> current = type; current != null;
             current = AnnotationSupport.isAnnotated(current, Nested.class) ? current.getEnclosingClass() : null) {
            if (registers(current)) {
                return true;
            }
        }
        return false;
    }

    private static boolean registers(Class<?> type) {
        boolean extended = AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class).stream()
                .flatMap(extendWith -> Arrays.stream(extendWith.value()))
                .anyMatch(RlsExtension.class::isAssignableFrom);
        return extended || !AnnotationSupport.findAnnotatedFields(type, RegisterExtension.class,
                field -> RlsExtension.class.isAssignableFrom(field.getType())).isEmpty();
    }
}
