/** The tenant-context guard's JDBC proxies, the plan reader that finds a statement's tables, and the check. */
package io.rlstestkit.internal.guard;
