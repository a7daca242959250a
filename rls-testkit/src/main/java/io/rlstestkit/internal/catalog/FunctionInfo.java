package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.util.List;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A SECURITY DEFINER function and what the audit asks of it.
 *
 * @param signature     {@code public.invoice_total(uuid)}
 * @param owner         the role it runs as
 * @param language      its language ({@code sql}, {@code plpgsql} ...)
 * @param fixedPath     whether it sets {@code search_path} itself ({@code SET search_path = ...})
 * @param body          its source text, or {@code null} for a SQL-standard body
 * @param tablesRead    the tables its SQL-standard body depends on (schema-qualified)
 * @param executableBy  the given roles that may execute it
 * @param trigger       whether it returns {@code trigger} or {@code event_trigger}: PostgreSQL runs it for a trigger
 *                      only, never for a caller who calls it
 */
@API(status = INTERNAL)
public record FunctionInfo(String signature, String owner, String language, boolean fixedPath, String body,
                           List<String> tablesRead, List<String> executableBy, boolean trigger) {
}
