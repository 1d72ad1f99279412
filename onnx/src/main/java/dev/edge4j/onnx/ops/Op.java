package dev.edge4j.onnx.ops;

/**
 * A node ready to run: built once per node at load time by its {@link OpFactory}, then called for
 * every run, possibly from several threads at once, so it keeps no state between calls.
 *
 * <p>Values are {@link dev.edge4j.core.tensor.Tensor}s, {@link dev.edge4j.onnx.TensorSequence}s or
 * {@link dev.edge4j.onnx.OptionalValue}s. An op never writes into its inputs.
 */
@FunctionalInterface
public interface Op {
    /**
     * Computes the node's outputs. {@code inputs} holds one value per node input (null where an
     * optional input is absent), followed, for ops with subgraphs, by the outer values those
     * subgraphs read. The result holds one value per node output (null for unwanted ones).
     */
    Object[] run(Object[] inputs, ExecContext ctx);
}
