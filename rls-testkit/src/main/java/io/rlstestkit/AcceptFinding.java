package io.rlstestkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Accepts a finding of the {@link RlsAudit} that is by design, with a written justification. The finding is still
 * reported, marked as accepted with the justification; {@link RlsAudit#assertNoFindings()} no longer fails for it.
 * On the test method, on the test class, or on a class enclosing a {@code @Nested} one; repeatable.
 * <pre>{@code
 * @Test
 * @AcceptFinding(code = "CASCADE_BYPASSES_RLS", object = "public.invoice_lines",
 *         because = "a line always belongs to its invoice's tenant: the foreign key is (tenant_id, invoice_id)")
 * void policiesAreSound(RlsAudit audit) {
 *     audit.assertNoFindings();
 * }
 * }</pre>
 * A blank justification fails the test that injects the audit; so does a code the audit does not know. An
 * acceptance that matches no finding makes {@link RlsAudit#assertNoFindings()} fail, so that acceptances do not
 * outlive the reason for them.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(AcceptFinding.List.class)
public @interface AcceptFinding {

    /** The finding's code ({@code "RLS_NOT_FORCED"}). */
    String code();

    /** The object, as the finding names it: schema-qualified ({@code "public.invoices"}), or a role's name. */
    String object();

    /** Why the finding is acceptable: a sentence a reviewer can check. Must not be blank. */
    String because();

    /** The container of repeated {@link AcceptFinding} annotations. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @interface List {
        /** The acceptances. */
        AcceptFinding[] value();
    }
}
