/**
 * Internal implementation of rls-testkit. Nothing in {@code io.rlstestkit.internal} or its sub-packages is
 * part of the public API: it may change in any release. Layers, each using only those below it:
 * {@code catalog} (what PostgreSQL says about the schema), {@code database} (where PostgreSQL comes from),
 * {@code migration} (Flyway, undo scripts), {@code tenant} (ids and seeding), {@code scope} (roles, settings,
 * claims, the bypass guard), {@code report} (what a run proved and covered), {@code environment} (a migrated,
 * seeded database and the state of one test), {@code audit} (the policy audit), {@code matrix} (the deny matrix).
 * None of them knows JUnit but {@code matrix}, whose tests are JUnit's dynamic tests; {@code junit} is the
 * launcher listener that writes the coverage report.
 */
package io.rlstestkit.internal;
