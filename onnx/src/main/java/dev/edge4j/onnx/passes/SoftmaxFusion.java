package dev.edge4j.onnx.passes;

import dev.edge4j.onnx.ValueType;
import dev.edge4j.onnx.ir.Attributes;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.ops.Fused;
import java.util.List;

/**
 * Finds attention's score normalization, {@code Softmax(x / c + mask)} (or {@code x * c}) over
 * the last axis with c a constant scalar, and replaces it by one {@code ScaledSoftmax(x, c, mask)}
 * that scales, adds and normalizes each row while it is in cache, with no tensors between.
 */
public final class SoftmaxFusion {
    private SoftmaxFusion() {}

    public static int apply(Graph g) {
        Uses uses = new Uses(g);
        Rewrite rw = new Rewrite();
        for (Node softmax : g.nodes()) {
            if (!GeluFusion.onnx(softmax, "Softmax") || rw.touched(softmax) || !lastAxis(g, softmax)) {
                continue;
            }
            Node add = uses.writer(softmax.input(0));
            if (!GeluFusion.onnx(add, "Add") || uses.soleReader(add.outputs().get(0)) != softmax) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                Node scale = uses.writer(add.input(side));
                String mask = add.input(1 - side);
                if (scale == null || mask.equals(add.input(side)) || uses.soleReader(scale.outputs().get(0)) != add
                        || rw.touched(scale, add)) {
                    continue;
                }
                boolean divide = GeluFusion.onnx(scale, "Div");
                if (!divide && !GeluFusion.onnx(scale, "Mul")) {
                    continue;
                }
                int c = Rewrite.scalar(g, scale.input(1)) != null ? 1
                        : !divide && Rewrite.scalar(g, scale.input(0)) != null ? 0 : -1;
                if (c < 0 || !Rewrite.isFloat32(g, scale.input(1 - c), -1)) {
                    continue;
                }
                Node fused = new Node(softmax.name(), "ScaledSoftmax", Fused.DOMAIN, 1,
                        List.of(scale.input(1 - c), scale.input(c), mask), softmax.outputs(),
                        Attributes.empty().with("divide", divide ? 1L : 0L));
                rw.fuse(softmax, fused, scale, add);
                break;
            }
        }
        return rw.apply(g);
    }

    /**
     * Softmax over the last axis: axis -1 (the default from opset 13 on), or the last axis of an
     * input of known rank (before opset 13 the axis splits the input into rows, the same thing).
     */
    private static boolean lastAxis(Graph g, Node softmax) {
        long axis = softmax.attributes().getLong("axis", softmax.opset() >= 13 ? -1 : 1);
        if (axis == -1) {
            return true;
        }
        String x = softmax.input(0);
        return g.types().get(x) instanceof ValueType.TensorType t && t.hasRank() && axis == t.rank() - 1
                && Rewrite.isFloat32(g, x, t.rank());
    }
}
