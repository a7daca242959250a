package io.rlstestkit.examples.springevf;

import java.util.UUID;

/** An EVF (Estudo de Viabilidade Financeira) of a tenant. */
public record Evf(UUID id, UUID tenantId, String name, String status) {
}
