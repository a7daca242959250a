package io.rlstestkit.examples.evf;

import java.util.UUID;

/**
 * One EVF (Estudo de Viabilidade Financeira), a row of the {@code evf} table.
 *
 * @param id       the EVF's id
 * @param tenantId the tenant that owns it
 * @param name     its name
 * @param status   {@code draft}, {@code submitted}, {@code approved} or {@code rejected}
 */
public record Evf(UUID id, UUID tenantId, String name, String status) {
}
