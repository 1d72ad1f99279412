package dev.edge4j.onnx.passes;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ir.Attributes;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.ops.Fused;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the dynamically quantized dense layer that quantization tools write,
 * {@code DynamicQuantizeLinear(x) -> MatMulInteger(xq, W, xzp, wzp) -> Cast(float) ->
 * Mul(by xscale * wscale)}, with W, its scale and zero point constant, and replaces the last three
 * by one {@code QuantMatMul} reading x and the quantization parameters. When nothing else reads the
 * quantized x, DynamicQuantizeLinear stops producing it (it still gives the scale and zero point).
 */
public final class QuantMatMulFusion {
    private QuantMatMulFusion() {}

    public static int apply(Graph g) {
        Uses uses = new Uses(g);
        Rewrite rw = new Rewrite();
        for (Node mi : g.nodes()) {
            if (!GeluFusion.onnx(mi, "MatMulInteger") || rw.touched(mi) || mi.inputs().size() < 3) {
                continue;
            }
            Node dql = uses.writer(mi.input(0));
            Tensor w = Rewrite.constant(g, mi.input(1));
            if (!GeluFusion.onnx(dql, "DynamicQuantizeLinear") || dql.outputs().size() < 3
                    || !mi.input(2).equals(dql.outputs().get(2)) || w == null || w.rank() != 2
                    || (w.dtype() != DType.INT8 && w.dtype() != DType.UINT8)
                    || mi.hasInput(3) && Rewrite.constant(g, mi.input(3)) == null) {
                continue;
            }
            Node cast = uses.soleReader(mi.outputs().get(0));
            if (!GeluFusion.onnx(cast, "Cast") || cast.attributes().getLong("to", 0) != 1) {
                continue;
            }
            Node mul = uses.soleReader(cast.outputs().get(0));
            String scales = GeluFusion.onnx(mul, "Mul") ? GeluFusion.otherInput(mul, cast.outputs().get(0)) : null;
            Node product = scales == null ? null : uses.writer(scales);
            String wScale = null;
            if (GeluFusion.onnx(product, "Mul")) {
                String other = GeluFusion.otherInput(product, dql.outputs().get(1));
                Tensor ws = other == null ? null : Rewrite.constant(g, other);
                int n = w.shape().dim(1);
                if (ws != null && ws.dtype().isFloatingPoint() && (ws.size() == 1 || ws.size() == n && ws.rank() == 1)) {
                    wScale = other;
                }
            }
            if (wScale == null || rw.touched(cast, mul)) {
                continue;
            }
            List<String> in = new ArrayList<>(List.of(dql.input(0), dql.outputs().get(1), dql.outputs().get(2),
                    mi.input(1), wScale, mi.hasInput(3) ? mi.input(3) : ""));
            Node fused = new Node(mi.name(), "QuantMatMul", Fused.DOMAIN, 1, in, mul.outputs(), Attributes.empty());
            rw.fuse(mul, fused, mi, cast);
        }
        int fused = rw.apply(g);
        if (fused > 0) {
            dropUnreadQuantizedValues(g);
        }
        return fused;
    }

    /** DynamicQuantizeLinear nodes whose quantized output nobody reads any more stop making it. */
    private static void dropUnreadQuantizedValues(Graph g) {
        Uses uses = new Uses(g);
        List<Node> out = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (GeluFusion.onnx(n, "DynamicQuantizeLinear") && !n.outputs().get(0).isEmpty()
                    && uses.readers(n.outputs().get(0)).isEmpty() && !g.outputs().contains(n.outputs().get(0))) {
                List<String> outs = new ArrayList<>(n.outputs());
                outs.set(0, "");
                n = new Node(n.name(), n.opType(), n.domain(), n.opset(), n.inputs(), outs, n.attributes());
            }
            out.add(n);
        }
        g.setNodes(out);
    }
}
