package dev.edge4j.onnx.runtime;

import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ir.Node;
import java.util.Set;

/**
 * Counts the arithmetic a node did, from the tensors it read and wrote: a multiply-add is two
 * operations. Products (Conv, MatMul, Gemm and their integer and fused forms) are counted
 * exactly; element-wise ops as one operation per output element; ops that only move data as none.
 */
final class Flops {
    private static final Set<String> MOVES = Set.of("Reshape", "Transpose", "Concat", "Split", "Slice",
            "Gather", "GatherElements", "GatherND", "Squeeze", "Unsqueeze", "Flatten", "Identity", "Shape",
            "Size", "Expand", "Tile", "Pad", "Cast", "Constant", "ConstantOfShape", "DepthToSpace",
            "SpaceToDepth", "ScatterND", "ScatterElements", "Range", "NonZero", "Dropout");

    private Flops() {}

    static long of(Node node, Object[] in, Object[] out) {
        String op = node.opType();
        Tensor first = out.length > 0 && out[0] instanceof Tensor t ? t : null;
        if (first == null || MOVES.contains(op)) {
            return 0;
        }
        Tensor x = in.length > 0 && in[0] instanceof Tensor t ? t : null;
        Tensor w = in.length > 1 && in[1] instanceof Tensor t ? t : null;
        switch (op) {
            case "Conv", "ConvInteger", "FusedConv" -> {
                if (w != null && w.rank() >= 3) {
                    long taps = 1;
                    for (int d = 1; d < w.rank(); d++) {
                        taps *= w.shape().dim(d);
                    }
                    return 2L * first.size() * taps;
                }
            }
            case "BlockedConv" -> {
                if (w != null && w.rank() == 4) {
                    int m = w.shape().dim(0);
                    long pixels = first.size() / ((long) first.shape().dim(1) * first.shape().dim(4));
                    return 2L * first.shape().dim(0) * 0 + 2L * pixels * m * (w.size() / m);
                }
            }
            case "BlockedConvPair" -> {
                // The depthwise half from its output; the first half over the image between,
                // which is the output's pixels times the depthwise strides (exact when they divide).
                Tensor dw = in.length > 5 && in[5] instanceof Tensor t ? t : null;
                if (w != null && w.rank() == 4 && dw != null && dw.rank() == 4) {
                    long pixels = first.size() / ((long) first.shape().dim(1) * first.shape().dim(4));
                    long[] s = node.attributes().getLongs("dw_strides", new long[] {1, 1});
                    return 2L * pixels * s[0] * s[1] * w.size() + 2L * pixels * dw.size();
                }
            }
            case "QLinearConv" -> {
                Tensor qw = in.length > 3 && in[3] instanceof Tensor t ? t : null;
                if (qw != null && qw.rank() >= 3) {
                    return 2L * first.size() * (qw.size() / qw.shape().dim(0));
                }
            }
            case "ConvTranspose" -> {
                if (x != null && w != null && w.rank() >= 3) {
                    return 2L * x.size() * (w.size() / w.shape().dim(0));
                }
            }
            case "MatMul", "MatMulInteger", "FusedMatMul", "QuantMatMul", "Gemm" -> {
                if (x != null && x.rank() >= 1) {
                    boolean transA = op.equals("Gemm") && node.attributes().getLong("transA", 0) != 0;
                    int k = transA ? x.shape().dim(0) : x.shape().dim(x.rank() - 1);
                    return 2L * first.size() * k;
                }
            }
            case "QLinearMatMul" -> {
                if (x != null && x.rank() >= 1) {
                    return 2L * first.size() * x.shape().dim(x.rank() - 1);
                }
            }
            default -> { }
        }
        return first.size();
    }
}
