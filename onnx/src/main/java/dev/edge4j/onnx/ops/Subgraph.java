package dev.edge4j.onnx.ops;

import java.util.List;

/** A compiled subgraph (a branch of If, the body of Loop or Scan), run by the op that owns it. */
public interface Subgraph {
    List<String> inputNames();

    List<String> outputNames();

    /** The declared type of output {@code i}; null when the graph does not say. */
    dev.edge4j.onnx.ValueType outputType(int i);

    /**
     * Runs the subgraph on {@code inputs}; {@code outer} are the outer values the owning node
     * received after its own inputs (see {@link Op#run}).
     */
    Object[] run(Object[] inputs, Object[] outer, ExecContext ctx);
}
