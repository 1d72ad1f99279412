package dev.edge4j.onnx.passes;

import dev.edge4j.onnx.analyse.ShapeInference;
import dev.edge4j.onnx.ir.Graph;

/** Runs the graph passes, in order, on a freshly loaded and analysed graph. */
public final class Optimizer {
    private Optimizer() {}

    public static void optimize(Graph g) {
        // Folding can make more shapes static, which can make more Shape nodes foldable.
        for (int round = 0; round < 4; round++) {
            int folded = ConstantFolding.fold(g);
            ShapeInference.infer(g);
            if (folded == 0) {
                break;
            }
        }
        DeadNodes.remove(g);
        GeluFusion.apply(g);
        LayerNormFusion.apply(g);
        SoftmaxFusion.apply(g);
        ConvFusion.apply(g);
        QuantMatMulFusion.apply(g);
        MatMulFusion.apply(g);
        DeadNodes.remove(g);
        BlockedLayout.apply(g);
        BlockedPairFusion.apply(g);
    }
}
