package dev.edge4j.onnx.passes;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ir.Attributes;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.ops.Fused;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds what follows a 1-D or 2-D float convolution into it: an inference BatchNormalization
 * or a product by a constant per-channel or single factor (into the weights and bias), then an
 * Add of a residual, then an activation, giving one
 * {@code FusedConv} that applies them as it stores its results. Each step applies only when the
 * convolution's output has no other reader.
 */
public final class ConvFusion {
    private ConvFusion() {}

    /** Fuses until nothing more matches; returns the number of nodes folded away. */
    public static int apply(Graph g) {
        int total = 0;
        for (int n; (n = sweep(g)) > 0; ) {
            total += n;
        }
        return total;
    }

    private static int sweep(Graph g) {
        Uses uses = new Uses(g);
        Rewrite rw = new Rewrite();
        for (Node conv : g.nodes()) {
            if (!isConv(conv) || rw.touched(conv) || conv.outputs().size() != 1) {
                continue;
            }
            String out = conv.outputs().get(0);
            Node next = uses.soleReader(out);
            if (next == null || rw.touched(next) || !next.domain().isEmpty() && !next.domain().equals(Fused.DOMAIN)) {
                continue;
            }
            if (!Rewrite.isFloat32(g, conv.input(0), 3) && !Rewrite.isFloat32(g, conv.input(0), 4)) {
                continue;
            }
            Tensor w = Rewrite.constant(g, conv.input(1));
            int channels = w == null ? -1 : w.shape().dim(0);
            int rank = ((dev.edge4j.onnx.ValueType.TensorType) g.types().get(conv.input(0))).rank();
            boolean plain = !conv.attributes().has("activation") && !conv.hasInput(3);
            if (plain && next.opType().equals("BatchNormalization") && next.domain().isEmpty()) {
                Node folded = foldBatchNorm(g, conv, next, w);
                if (folded != null) {
                    rw.fuse(next, folded, conv);
                }
            } else if (plain && next.opType().equals("Mul") && next.domain().isEmpty()) {
                Node folded = foldScale(g, conv, next, w, rank);
                if (folded != null) {
                    rw.fuse(next, folded, conv);
                }
            } else if (plain && next.opType().equals("Add") && next.domain().isEmpty()) {
                String other = next.input(0).equals(out) ? next.input(1) : next.input(0);
                if (!other.equals(out) && Rewrite.sameStaticShape(g, other, out)) {
                    rw.fuse(next, fused(conv, 3, other, conv.attributes(), next.outputs()), conv);
                }
            } else if (!conv.attributes().has("activation") && next.input(0).equals(out)) {
                ActivationNode a = ActivationNode.of(next, g, rank, 1, channels);
                if (a != null) {
                    Node f = fused(conv, 4, a.slope(), a.addTo(conv.attributes()), next.outputs());
                    rw.fuse(next, f, conv);
                }
            }
        }
        return rw.apply(g);
    }

    private static boolean isConv(Node n) {
        return (n.opType().equals("Conv") && n.domain().isEmpty()
                || n.opType().equals("FusedConv") && n.domain().equals(Fused.DOMAIN));
    }

    /** Conv's five inputs (X, W, B, Z, slope) with {@code input} set at {@code slot}. */
    private static Node fused(Node conv, int slot, String input, Attributes attrs, List<String> outputs) {
        List<String> in = new ArrayList<>(conv.inputs());
        while (in.size() < 5) {
            in.add("");
        }
        in.set(slot, input);
        while (!in.isEmpty() && in.get(in.size() - 1).isEmpty()) {
            in.remove(in.size() - 1);
        }
        return new Node(conv.name(), "FusedConv", Fused.DOMAIN, 1, in, outputs, attrs);
    }

    /**
     * The convolution with a Mul by a constant folded into new weights and bias, or null: the
     * factor must be one number or one per output channel, of no higher rank than the
     * convolution's output, so that the product keeps its shape.
     */
    private static Node foldScale(Graph g, Node conv, Node mul, Tensor w, int rank) {
        String out = conv.outputs().get(0);
        String other = mul.input(0).equals(out) ? mul.input(1) : mul.input(0);
        Tensor k = other.equals(out) ? null : Rewrite.constant(g, other);
        if (k == null || w == null || w.dtype() != DType.FLOAT32 || !k.dtype().isFloatingPoint()
                || k.rank() > rank || !(k.size() == 1 || perChannel(k.shape(), w.shape().dim(0), rank))) {
            return null;
        }
        Tensor b = conv.hasInput(2) ? Rewrite.constant(g, conv.input(2)) : null;
        int m = w.shape().dim(0);
        if (conv.hasInput(2) && (b == null || b.size() != m || b.dtype() != DType.FLOAT32)) {
            return null;
        }
        float[] ws = w.floats();
        float[] nw = new float[ws.length];
        float[] nb = new float[m];
        int per = ws.length / m;
        for (int o = 0; o < m; o++) {
            float s = (float) k.getDouble(k.size() == 1 ? 0 : o);
            for (int i = 0; i < per; i++) {
                nw[o * per + i] = ws[o * per + i] * s;
            }
            nb[o] = b == null ? 0f : b.floats()[o] * s;
        }
        String wName = Rewrite.addConstant(g, conv.input(1) + "_scaled", Tensor.wrap(DType.FLOAT32, w.shape(), nw));
        String bName = Rewrite.addConstant(g, conv.name() + "_bias_scaled", Tensor.wrap(DType.FLOAT32, Shape.of(m), nb));
        return withWeights(conv, wName, bName, mul.outputs().get(0));
    }

    /**
     * True when a factor of shape {@code s}, aligned to the right against an output of rank
     * {@code rank} (channels on axis 1), holds one value per channel: [m, 1, 1] or [1, m, 1, 1].
     */
    private static boolean perChannel(Shape s, int m, int rank) {
        int axis = s.rank() - rank + 1;
        if (axis < 0 || s.dim(axis) != m) {
            return false;
        }
        for (int i = 0; i < s.rank(); i++) {
            if (i != axis && s.dim(i) != 1) {
                return false;
            }
        }
        return true;
    }

    /** The convolution with BatchNormalization folded into new weights and bias, or null. */
    private static Node foldBatchNorm(Graph g, Node conv, Node bn, Tensor w) {
        if (bn.attributes().getLong("training_mode", 0) != 0 || bn.attributes().getLong("spatial", 1) != 1
                || w == null || w.dtype() != DType.FLOAT32 || !bn.input(0).equals(conv.outputs().get(0))) {
            return null;
        }
        for (int i = 1; i < bn.outputs().size(); i++) {
            if (!bn.outputs().get(i).isEmpty()) {
                return null;
            }
        }
        int m = w.shape().dim(0);
        Tensor[] p = new Tensor[4];
        for (int i = 0; i < 4; i++) {
            p[i] = Rewrite.constant(g, bn.input(i + 1));
            if (p[i] == null || p[i].size() != m || !p[i].dtype().isFloatingPoint()) {
                return null;
            }
        }
        Tensor b = conv.hasInput(2) ? Rewrite.constant(g, conv.input(2)) : null;
        if (conv.hasInput(2) && (b == null || b.size() != m || b.dtype() != DType.FLOAT32)) {
            return null;
        }
        double eps = bn.attributes().getFloat("epsilon", 1e-5f);
        float[] ws = w.floats();
        float[] nw = new float[ws.length];
        float[] nb = new float[m];
        int per = ws.length / m;
        for (int o = 0; o < m; o++) {
            double s = p[0].getDouble(o) / Math.sqrt(p[3].getDouble(o) + eps);
            for (int i = 0; i < per; i++) {
                nw[o * per + i] = (float) (ws[o * per + i] * s);
            }
            double bias = b == null ? 0 : b.floats()[o];
            nb[o] = (float) ((bias - p[2].getDouble(o)) * s + p[1].getDouble(o));
        }
        String wName = Rewrite.addConstant(g, conv.input(1) + "_bn", Tensor.wrap(DType.FLOAT32, w.shape(), nw));
        String bName = Rewrite.addConstant(g, bn.input(2) + "_bn", Tensor.wrap(DType.FLOAT32, Shape.of(m), nb));
        return withWeights(conv, wName, bName, bn.outputs().get(0));
    }

    /** The convolution reading weights {@code wName} and bias {@code bName}, writing {@code output}. */
    private static Node withWeights(Node conv, String wName, String bName, String output) {
        List<String> in = new ArrayList<>(conv.inputs());
        in.set(1, wName);
        if (in.size() < 3) {
            in.add(bName);
        } else {
            in.set(2, bName);
        }
        return new Node(conv.name(), conv.opType(), conv.domain(), conv.opset(), in, List.of(output), conv.attributes());
    }
}
