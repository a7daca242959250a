package io.rlstestkit.internal.environment;

import org.apiguardian.api.API;

import java.lang.annotation.Annotation;
import java.util.List;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * What a test class configures for the tenant-context guard ({@code @RlsTest(guard, guardSystemRoles,
 * guardSystemPaths)}, or the same on {@code RlsExtension.configure()}).
 *
 * @param application whether an integration (the Spring module) puts the application's data source behind the guard
 * @param systemRoles roles the guard allows to run anything, in {@code RlsDatabase.guarded()} and on the application's
 *                    data source alike
 * @param systemPaths annotations of the application's own that mark system paths, besides the kit's
 *                    {@code @SystemPath}
 */
@API(status = INTERNAL)
public record GuardSettings(boolean application, List<String> systemRoles,
                            List<Class<? extends Annotation>> systemPaths) {

    /** No guard on the application's data source, no allowances. */
    public static final GuardSettings NONE = new GuardSettings(false, List.of(), List.of());

    public GuardSettings {
        systemRoles = List.copyOf(systemRoles);
        systemPaths = List.copyOf(systemPaths);
    }
}
