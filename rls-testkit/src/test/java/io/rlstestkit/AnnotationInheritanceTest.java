package io.rlstestkit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.rlstestkit.RlsAssertions.assertThat;

/** @RlsTest is @Inherited, works as a meta-annotation, and configures the @Nested classes of the class it is on. */
class AnnotationInheritanceTest {

    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED, tenantRole = "app_user")
    abstract static class InvoicesSuite {
    }

    @Nested
    class ASubclassInheritsTheConfiguration extends InvoicesSuite {

        @Test
        void isConfigured(@AsTenant("b") RlsSession b) {
            assertThat(b).cannotSee("invoices").rowsOf("a");
        }

        @Nested
        class AndItsNestedClassesToo {

            @Test
            void areConfigured(@AsTenant("a") RlsSession a, Tenants tenants) {
                assertThat(a).canSee("invoices").rowsOf(tenants.get("a"));
            }
        }
    }
}
