package dev.edge4j.onnx.passes;

import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ir.Attributes;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.ops.Fused;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds layer normalization over the last axis written out in primitives (as exporters of BERT
 * models write it): {@code d = x - mean(x); y = d / sqrt(mean(d^2) + eps) * gamma + beta}, and
 * replaces the nine nodes by one {@code LayerNorm} (inputs x, gamma, beta; attribute epsilon).
 */
public final class LayerNormFusion {
    private LayerNormFusion() {}

    public static int apply(Graph g) {
        Uses uses = new Uses(g);
        Rewrite rw = new Rewrite();
        for (Node mean : g.nodes()) {
            if (!lastAxisMean(g, mean) || rw.touched(mean)) {
                continue;
            }
            String x = mean.input(0);
            Node sub = uses.soleReader(mean.outputs().get(0));
            if (!GeluFusion.onnx(sub, "Sub") || !sub.input(0).equals(x) || !sub.input(1).equals(mean.outputs().get(0))) {
                continue;
            }
            String d = sub.outputs().get(0);
            List<Node> readers = uses.readers(d);
            Node square = null;
            Node div = null;
            for (Node r : readers) {
                if (GeluFusion.onnx(r, "Pow") && r.input(0).equals(d) && near(Rewrite.scalar(g, r.input(1)), 2f)
                        || GeluFusion.onnx(r, "Mul") && r.input(0).equals(d) && r.input(1).equals(d)) {
                    square = r;
                } else if (GeluFusion.onnx(r, "Div") && r.input(0).equals(d)) {
                    div = r;
                }
            }
            if (square == null || div == null || readers.size() != 2 || !uses.onlyReadBy(d, Set.of(square, div))) {
                continue;
            }
            Node var = uses.soleReader(square.outputs().get(0));
            if (!lastAxisMean(g, var)) {
                continue;
            }
            Node plus = uses.soleReader(var.outputs().get(0));
            if (!GeluFusion.onnx(plus, "Add")) {
                continue;
            }
            Float eps = Rewrite.scalar(g, GeluFusion.otherInput(plus, var.outputs().get(0)));
            Node sqrt = uses.soleReader(plus.outputs().get(0));
            if (eps == null || !GeluFusion.onnx(sqrt, "Sqrt") || uses.soleReader(sqrt.outputs().get(0)) != div
                    || !div.input(1).equals(sqrt.outputs().get(0))) {
                continue;
            }
            List<Node> parts = new ArrayList<>(List.of(mean, sub, square, var, plus, sqrt));
            Node last = div;
            String gamma = "";
            String beta = "";
            Node mul = uses.soleReader(div.outputs().get(0));
            String scale = GeluFusion.onnx(mul, "Mul") ? GeluFusion.otherInput(mul, div.outputs().get(0)) : null;
            if (scale != null && isVector(g, scale)) {
                parts.add(last);
                last = mul;
                gamma = scale;
                Node add = uses.soleReader(mul.outputs().get(0));
                String shift = GeluFusion.onnx(add, "Add") ? GeluFusion.otherInput(add, mul.outputs().get(0)) : null;
                if (shift != null && isVector(g, shift)) {
                    parts.add(last);
                    last = add;
                    beta = shift;
                }
            }
            if (rw.touched(last) || rw.touched(parts.toArray(new Node[0]))) {
                continue;
            }
            List<String> in = new ArrayList<>(List.of(x, gamma));
            if (!beta.isEmpty()) {
                in.add(beta);
            }
            Node ln = new Node(last.name(), "LayerNorm", Fused.DOMAIN, 1, in, last.outputs(),
                    Attributes.empty().with("epsilon", eps));
            rw.fuse(last, ln, parts.toArray(new Node[0]));
        }
        return rw.apply(g);
    }

    /** ReduceMean over the last axis only, keeping it (as a 1). */
    private static boolean lastAxisMean(Graph g, Node n) {
        if (!GeluFusion.onnx(n, "ReduceMean") || n.attributes().getLong("keepdims", 1) != 1) {
            return false;
        }
        long[] axes = n.attributes().getLongs("axes", null);
        if (axes == null && n.hasInput(1)) {
            Tensor t = Rewrite.constant(g, n.input(1));
            axes = t == null ? null : t.toLongArray();
        }
        if (axes == null || axes.length != 1) {
            return false;
        }
        if (axes[0] == -1) {
            return true;
        }
        return g.types().get(n.input(0)) instanceof dev.edge4j.onnx.ValueType.TensorType t && t.hasRank()
                && axes[0] == t.rank() - 1;
    }

    /** A float constant of rank 1 (one value per element of the normalized axis). */
    private static boolean isVector(Graph g, String name) {
        Tensor t = Rewrite.constant(g, name);
        return t != null && t.rank() == 1 && t.dtype() == dev.edge4j.core.tensor.DType.FLOAT32;
    }

    private static boolean near(Float v, float c) {
        return v != null && v == c;
    }
}
