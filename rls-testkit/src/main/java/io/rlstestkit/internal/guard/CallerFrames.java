package io.rlstestkit.internal.guard;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * Who issued a statement: the first frame on the stack outside the JDK, the JDBC driver, connection pools and data
 * access libraries; and whether a frame on the stack is a system path.
 */
final class CallerFrames {

    private static final List<String> LIBRARIES = List.of("io.rlstestkit.internal.guard.", "io.rlstestkit.guard.",
            "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.", "org.postgresql.", "com.zaxxer.hikari.",
            "org.springframework.", "org.hibernate.", "org.jooq.", "org.mybatis.", "org.apache.ibatis.",
            "org.flywaydb.", "net.ttddyy.", "org.junit.", "org.apache.maven.surefire.");

    private CallerFrames() {
    }

    /** How many of the application's frames a violation shows: the one that issued the statement and its callers. */
    private static final int SHOWN = 3;

    /**
     * @param issuer     the application's frames that issued the statement, innermost first, as a stack trace shows
     *                   them, one a line
     * @param systemPath the system path annotation found on the stack, or {@code null}
     */
    record Caller(String issuer, String systemPath) {
    }

    static Caller find(Set<Class<? extends Annotation>> systemPaths) {
        StackWalker walker = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
        return walker.walk(frames -> {
            List<String> issuer = new java.util.ArrayList<>();
            String systemPath = null;
            for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                Class<?> type = frame.getDeclaringClass();
                if (issuer.size() < SHOWN && !library(type)) {
                    issuer.add(frame.toStackTraceElement().toString());
                }
                if (systemPath == null) {
                    systemPath = annotated(frame, systemPaths);
                }
            }
            return new Caller(issuer.isEmpty() ? "no application frame on the stack"
                    : String.join("\n      called from ", issuer), systemPath);
        });
    }

    private static boolean library(Class<?> type) {
        String name = type.getName();
        return type.isSynthetic() || java.lang.reflect.Proxy.isProxyClass(type) || name.contains("$$")
                || LIBRARIES.stream().anyMatch(name::startsWith);
    }

    private static String annotated(StackWalker.StackFrame frame, Set<Class<? extends Annotation>> systemPaths) {
        Class<?> type = frame.getDeclaringClass();
        Method method = null;
        try {
            method = type.getDeclaredMethod(frame.getMethodName(), frame.getMethodType().parameterArray());
        } catch (NoSuchMethodException | SecurityException e) {
            // a constructor or an initializer: only the class counts
        }
        for (Class<? extends Annotation> annotation : systemPaths) {
            if ((method != null && method.isAnnotationPresent(annotation)) || type.isAnnotationPresent(annotation)) {
                return "@" + annotation.getSimpleName() + " on " + frame.toStackTraceElement();
            }
        }
        return null;
    }
}
