package io.rlstestkit.examples.github;

import io.rlstestkit.RlsExtension;
import io.rlstestkit.Tenant;

/**
 * The GitHub app's actors, as the kit's scopes. Tenants are installations ({@code installation_id}); each seeded
 * installation has one user with keys and audit entries, whose GitHub id the seed derives from the key.
 * <ul>
 *     <li>a tenant scope is an <b>API request</b>: {@code app_api} with {@code app.current_installation_id} and
 *     {@code app.current_user_github_id} (both context setters ran);</li>
 *     <li>{@code webhook}: {@code app_api} with the installation only;</li>
 *     <li>the worker scope is the <b>dispatcher</b>: {@code app_worker} with no context at all;</li>
 *     <li>{@code delivery-job}: {@code app_worker} with the installation; {@code review-job}: with the installation
 *     and the user whose provider key runs the review;</li>
 *     <li>{@code admin}: the admin endpoints, {@code app_admin}, no context.</li>
 * </ul>
 */
final class GitHubApp {

    static final String INSTALLATION = "app.current_installation_id";
    static final String USER = "app.current_user_github_id";

    static final String[] INSTALLATION_SCOPED_TABLES = {
            "installation_members", "repositories", "pull_request_reviews", "webhook_deliveries"};

    private GitHubApp() {
    }

    /** The GitHub id of the installation's user, as the seed gives it: 1000 + the key's character (a: 1097). */
    static long userOf(Tenant installation) {
        return 1000L + installation.key().charAt(0);
    }

    /** The same configuration for every test class, so that they share one migrated and seeded template. */
    static RlsExtension rls() {
        return configuration().build();
    }

    /** {@link #rls()} before it is built: for a test that migrates more, as the broken variants do. */
    static RlsExtension.Builder configuration() {
        return RlsExtension.configure()
                .seed("classpath:db/seed/tenant.sql")
                .tenantColumn("installation_id")
                .tenantRole("app_api")
                .tenantSetting(INSTALLATION)
                .tenantSetting(USER, GitHubApp::userOf)
                .workerRole("app_worker")
                .scope("webhook", scope -> scope.role("app_api").tenantSetting(INSTALLATION, Tenant::id))
                .scope("delivery-job", scope -> scope.role("app_worker").tenantSetting(INSTALLATION, Tenant::id))
                .scope("review-job", scope -> scope.role("app_worker").tenantSetting(INSTALLATION, Tenant::id)
                        .tenantSetting(USER, GitHubApp::userOf))
                .scope("admin", scope -> scope.role("app_admin"));
    }
}
