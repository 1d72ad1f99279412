package dev.edge4j.onnx.passes;

import dev.edge4j.onnx.ir.Attributes;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.ops.Fused;
import java.util.List;

/**
 * Finds GELU written out with Erf, {@code 0.5 * x * (1 + erf(x / sqrt 2))} (in either order of
 * the products, with {@code x * (1 / sqrt 2)} for the division), and replaces it by one
 * {@code Gelu} node that a following pass can fold into the matrix product before it.
 */
public final class GeluFusion {
    private static final float SQRT2 = (float) Math.sqrt(2);

    private GeluFusion() {}

    public static int apply(Graph g) {
        Uses uses = new Uses(g);
        Rewrite rw = new Rewrite();
        for (Node erf : g.nodes()) {
            if (!onnx(erf, "Erf") || rw.touched(erf)) {
                continue;
            }
            Node scaled = uses.writer(erf.input(0));
            if (scaled == null || uses.soleReader(scaled.outputs().get(0)) != erf) {
                continue;
            }
            String x = scaledInput(g, scaled);
            Node plusOne = uses.soleReader(erf.outputs().get(0));
            if (x == null || !onnx(plusOne, "Add") || !hasConstant(g, plusOne, erf.outputs().get(0), 1f)) {
                continue;
            }
            Node times = uses.soleReader(plusOne.outputs().get(0));
            if (!onnx(times, "Mul")) {
                continue;
            }
            String other = otherInput(times, plusOne.outputs().get(0));
            Node last;
            Node[] parts;
            if (x.equals(other)) {
                // x * (1 + erf) then * 0.5
                Node half = uses.soleReader(times.outputs().get(0));
                if (!onnx(half, "Mul") || !hasConstant(g, half, times.outputs().get(0), 0.5f)) {
                    continue;
                }
                last = half;
                parts = new Node[] {scaled, erf, plusOne, times};
            } else {
                // (0.5 * x) * (1 + erf)
                Node half = uses.writer(other);
                if (!onnx(half, "Mul") || uses.soleReader(other) != times || !hasConstant(g, half, x, 0.5f)) {
                    continue;
                }
                last = times;
                parts = new Node[] {scaled, erf, plusOne, half};
            }
            if (rw.touched(last) || rw.touched(parts)) {
                continue;
            }
            Node gelu = new Node(last.name(), "Gelu", Fused.DOMAIN, 1, List.of(x), last.outputs(), Attributes.empty());
            rw.fuse(last, gelu, parts);
        }
        return rw.apply(g);
    }

    /** x when the node is {@code x / sqrt 2} or {@code x * (1 / sqrt 2)}, else null. */
    private static String scaledInput(Graph g, Node n) {
        if (onnx(n, "Div") && near(Rewrite.scalar(g, n.input(1)), SQRT2)) {
            return n.input(0);
        }
        if (onnx(n, "Mul")) {
            if (near(Rewrite.scalar(g, n.input(1)), 1 / SQRT2)) {
                return n.input(0);
            }
            if (near(Rewrite.scalar(g, n.input(0)), 1 / SQRT2)) {
                return n.input(1);
            }
        }
        return null;
    }

    /** True when the binary node combines {@code value} with a scalar constant near {@code c}. */
    private static boolean hasConstant(Graph g, Node n, String value, float c) {
        String other = otherInput(n, value);
        return other != null && near(Rewrite.scalar(g, other), c);
    }

    static String otherInput(Node n, String value) {
        if (n.inputs().size() != 2) {
            return null;
        }
        if (n.input(0).equals(value)) {
            return n.input(1);
        }
        return n.input(1).equals(value) ? n.input(0) : null;
    }

    static boolean onnx(Node n, String op) {
        return n != null && n.domain().isEmpty() && n.opType().equals(op);
    }

    private static boolean near(Float v, float c) {
        return v != null && Math.abs(v - c) <= 1e-4f * Math.abs(c);
    }
}
