package io.rlstestkit;

import io.rlstestkit.internal.environment.ConfigurationBuilder;
import io.rlstestkit.internal.tenant.TenantSpec;

import java.util.Arrays;
import java.util.List;

/** What {@link RlsTest} configures, given to the core's {@link ConfigurationBuilder}. */
final class AnnotatedConfiguration {

    private AnnotatedConfiguration() {
    }

    /** The builder of an annotation's configuration. */
    static ConfigurationBuilder of(RlsTest annotation) {
        ConfigurationBuilder builder = new ConfigurationBuilder()
                .migrations(List.of(annotation.migrations()))
                .schemas(List.of(annotation.schemas()))
                .tenants(Arrays.stream(annotation.tenants()).map(TenantSpec::parse).toList())
                .seed(annotation.seed())
                .tenantColumn(annotation.tenantColumn())
                .tenantRole(annotation.tenantRole())
                .tenantSetting(annotation.tenantSetting())
                .workerRole(annotation.workerRole());
        return builder.workerSettings(annotation.workerSettings(), "@RlsTest(workerSettings)")
                .supabase(annotation.supabase())
                .preRoles(annotation.preRoles(), "@RlsTest(preRoles)")
                .accountMembers(annotation.accountMembers())
                .guard(annotation.guard())
                .guardSystemRoles(annotation.guardSystemRoles(), "@RlsTest(guardSystemRoles)")
                .guardSystemPaths(List.of(annotation.guardSystemPaths()));
    }
}
