package io.rlstestkit.examples.springevf;

import io.rlstestkit.DenyMatrix;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.RlsTest;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/**
 * The schema under the application, checked without Spring: the policy audit and the deny matrix over its two
 * tables with row-level security.
 */
@RlsTest(seed = "classpath:db/seed/tenant.sql", tenantRole = "evf_app", tenantSetting = "app.current_tenant",
        workerRole = "evf_system")
class EvfPoliciesTest {

    @Test
    void policiesAreSound(RlsAudit audit) {
        audit.assertNoFindings();
    }

    @TestFactory
    Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
        return matrix.tests();
    }
}
