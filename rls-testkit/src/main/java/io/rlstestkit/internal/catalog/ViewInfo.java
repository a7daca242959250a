package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.util.List;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A view or materialized view over tables with row-level security.
 *
 * @param name            schema-qualified
 * @param owner           its owner
 * @param materialized    whether it is a materialized view
 * @param securityInvoker whether it runs with the rights of its user ({@code security_invoker})
 * @param rlsTablesRead   the tables with row-level security it reads, directly or through other views
 * @param readableBy      the given roles that may SELECT from it
 */
@API(status = INTERNAL)
public record ViewInfo(String name, String owner, boolean materialized, boolean securityInvoker,
                       List<String> rlsTablesRead, List<String> readableBy) {
}
