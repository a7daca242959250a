package io.rlstestkit.internal.matrix;

import org.apiguardian.api.API;

import java.util.List;
import java.util.function.Supplier;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A node of the deny matrix: a container of nodes, or a check that returns its failure message (starting with a
 * line break, as the kit's failure messages do) or {@code null} where it held.
 *
 * @param name     the name shown for the node
 * @param children the nodes in a container; empty for a check
 * @param check    the check; {@code null} for a container
 */
@API(status = INTERNAL)
public record MatrixNode(String name, List<MatrixNode> children, Supplier<String> check) {

    /** A container of nodes. */
    public static MatrixNode container(String name, List<MatrixNode> children) {
        return new MatrixNode(name, List.copyOf(children), null);
    }

    /** A check. */
    public static MatrixNode check(String name, Supplier<String> check) {
        return new MatrixNode(name, List.of(), check);
    }

    /** Whether this is a container. */
    public boolean isContainer() {
        return check == null;
    }
}
