package io.rlstestkit.internal.catalog;

import java.util.List;

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
public record ViewInfo(String name, String owner, boolean materialized, boolean securityInvoker,
                       List<String> rlsTablesRead, List<String> readableBy) {
}
