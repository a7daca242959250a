package io.rlstestkit.internal.audit;

import org.apiguardian.api.API;

import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * What the audit needs to know of the test's configuration.
 *
 * @param tenantRoles    the roles the tenant scopes use, each with how the configuration uses it, for messages
 *                       ({@code "the tenant role"}, {@code "the role of scope audit"})
 * @param tenantSettings the settings the tenant scopes set
 * @param tenantColumnOf the tenant column of a table, by schema and name
 * @param supabase       whether the Supabase preset made the {@code auth} and {@code storage} schemas
 * @param workerRoles    the roles of the worker scope that no tenant scope uses, each with how it is used
 * @param settingsSet    every setting any scope sets, the worker's included
 */
@API(status = INTERNAL)
public record AuditScope(Map<String, String> tenantRoles, Set<String> tenantSettings,
                         BiFunction<String, String, String> tenantColumnOf, boolean supabase,
                         Map<String, String> workerRoles, Set<String> settingsSet) {
}
