package dev.edge4j.onnx.passes;

import dev.edge4j.onnx.ir.Graph;

/** Runs the graph passes, in order, on a freshly loaded graph. */
public final class Optimizer {
    private Optimizer() {}

    public static void optimize(Graph g) {
        DeadNodes.remove(g);
    }
}
