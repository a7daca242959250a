package io.rlstestkit.examples.evf;

import java.util.UUID;

/**
 * A compliance check recorded by {@link EvfComplianceTask}, a row of {@code compliance_checks}.
 *
 * @param id            the check's id
 * @param evfId         the EVF checked
 * @param status        {@code approved} (the EVF has documents) or {@code pending} (it has none yet)
 * @param documentCount how many documents of the EVF the task saw
 */
public record ComplianceCheck(UUID id, UUID evfId, String status, int documentCount) {
}
