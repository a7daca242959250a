package io.rlstestkit;

/** Locations and facts of the kit's fixture schemas, for the kit's own tests. */
public final class TestSchemas {

    /** A sound schema: invoices and payments, enabled and forced, tenant policies with WITH CHECK. */
    public static final String SOUND = "classpath:fixtures/sound";

    /** Three invoices and their payments per tenant. */
    public static final String SEED = "classpath:fixtures/seed/tenant.sql";

    /** The prefix of the leaking variants, each one migration on top of {@link #SOUND}. */
    public static final String LEAKS = "classpath:fixtures/leaks/";

    /** One finding of each code of the policy audit, each on an object of its own, on top of {@link #SOUND}. */
    public static final String AUDIT = "classpath:fixtures/audit";

    /** Leaks and hard cases for the deny matrix, on top of {@link #SOUND}; seeded with {@link #MATRIX_SEED}. */
    public static final String MATRIX = "classpath:fixtures/matrix";

    /** {@link #SEED}, and rows of the tables of {@link #MATRIX}. */
    public static final String MATRIX_SEED = "classpath:fixtures/seed/matrix.sql";

    /** A join table unique by its two references, on top of {@link #SOUND}; seeded with {@link #REFERENCES_SEED}. */
    public static final String REFERENCES = "classpath:fixtures/matrix-references";

    /** {@link #SEED}, and each invoice paired with its payment in the join table of {@link #REFERENCES}. */
    public static final String REFERENCES_SEED = "classpath:fixtures/seed/references.sql";

    /** The id the kit derives for tenant a. */
    public static final String A_ID = "afec931a-732b-3f3e-bc8e-bc6b2e93af53";

    /** The id the kit derives for tenant b. */
    public static final String B_ID = "52242ed7-a53a-3503-91ca-30fa62702096";

    /** How messages describe tenant b's scope in the fixtures. */
    public static final String B_SCOPE = "tenant b (role app_user, app.current_tenant_id = '" + B_ID + "')";

    /** How messages describe tenant a's scope in the fixtures. */
    public static final String A_SCOPE = "tenant a (role app_user, app.current_tenant_id = '" + A_ID + "')";

    /** The tenant policy of the sound schema, as the catalog prints it. */
    public static final String TENANT_POLICY = "tenant_isolation (PERMISSIVE, ALL, to app_user)"
            + " USING ((tenant_id = ( SELECT (NULLIF(current_setting('app.current_tenant_id'::text, true), ''::text))::uuid"
            + " AS \"nullif\")))"
            + " WITH CHECK ((tenant_id = ( SELECT (NULLIF(current_setting('app.current_tenant_id'::text, true), ''::text))::uuid"
            + " AS \"nullif\")))";

    private TestSchemas() {
    }
}
