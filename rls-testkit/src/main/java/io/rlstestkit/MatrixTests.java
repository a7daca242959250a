package io.rlstestkit;

import io.rlstestkit.internal.matrix.Matrix;
import io.rlstestkit.internal.matrix.MatrixNode;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@link DenyMatrix} a test factory injects: the core's {@link Matrix} of checks, as JUnit's dynamic tests. A
 * check that returns a failure message fails its test with it.
 */
final class MatrixTests implements DenyMatrix {

    private final Matrix matrix;

    MatrixTests(Matrix matrix) {
        this.matrix = matrix;
    }

    @Override
    public DenyMatrix excluding(String... tables) {
        matrix.excluding(tables);
        return this;
    }

    @Override
    public DenyMatrix excludingCommand(String table, String command) {
        matrix.excludingCommand(table, command);
        return this;
    }

    @Override
    public DenyMatrix withRow(String table, Map<String, ?> template) {
        matrix.withRow(table, template);
        return this;
    }

    @Override
    public Stream<DynamicNode> tests() {
        return matrix.nodes().stream().map(MatrixTests::dynamic);
    }

    private static DynamicNode dynamic(MatrixNode node) {
        if (node.isContainer()) {
            return DynamicContainer.dynamicContainer(node.name(), node.children().stream().map(MatrixTests::dynamic));
        }
        return DynamicTest.dynamicTest(node.name(), () -> {
            String failure = node.check().get();
            if (failure != null) {
                throw new AssertionFailedError(failure);
            }
        });
    }
}
