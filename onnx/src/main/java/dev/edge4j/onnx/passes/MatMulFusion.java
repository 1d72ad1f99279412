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
 * Folds what follows a float MatMul by constant 2-D weights into it (a dense layer): the Add of a
 * bias vector, then an Add of a residual, then an activation, giving one {@code FusedMatMul}
 * whose inputs are A, B, bias, Z (residual) and PRelu's slope. Each step applies only when the
 * product has no other reader.
 */
public final class MatMulFusion {
    private MatMulFusion() {}

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
        for (Node mm : g.nodes()) {
            if (!isMatMul(mm) || rw.touched(mm) || mm.outputs().size() != 1) {
                continue;
            }
            boolean quant = mm.opType().equals("QuantMatMul");
            // Where the weights, bias, residual and slope sit: MatMul's A, B, bias, Z, slope, or after
            // QuantMatMul's six quantized inputs.
            int base = quant ? 6 : 2;
            Tensor b = Rewrite.constant(g, mm.input(quant ? 3 : 1));
            if (b == null || b.rank() != 2 || !quant && b.dtype() != DType.FLOAT32
                    || !Rewrite.isFloat32(g, mm.input(0), -1)) {
                continue;
            }
            int n = b.shape().dim(1);
            String out = mm.outputs().get(0);
            Node next = uses.soleReader(out);
            if (next == null || rw.touched(next)) {
                continue;
            }
            boolean hasAct = mm.attributes().has("activation");
            if (!hasAct && !mm.hasInput(base + 1) && next.opType().equals("Add") && next.domain().isEmpty()) {
                String other = next.input(0).equals(out) ? next.input(1) : next.input(0);
                if (other.equals(out)) {
                    continue;
                }
                Tensor bias = Rewrite.constant(g, other);
                if (bias != null && !mm.hasInput(base)) {
                    if (bias.rank() == 1 && bias.size() == n && bias.dtype() == DType.FLOAT32) {
                        rw.fuse(next, fused(mm, base, other, mm.attributes(), next.outputs()), mm);
                    }
                } else if (bias == null && Rewrite.isFloat32(g, other, -1)) {
                    if (!quant || Rewrite.sameStaticShape(g, other, out)) {
                        rw.fuse(next, fused(mm, base + 1, other, mm.attributes(), next.outputs()), mm);
                    }
                }
            } else if (!hasAct && next.input(0).equals(out)) {
                ActivationNode a = ActivationNode.of(next, g, 2, -1, n);
                if (a != null) {
                    rw.fuse(next, fused(mm, base + 2, a.slope(), a.addTo(mm.attributes()), next.outputs()), mm);
                }
            }
        }
        return rw.apply(g);
    }

    private static boolean isMatMul(Node n) {
        return n.opType().equals("MatMul") && n.domain().isEmpty()
                || (n.opType().equals("FusedMatMul") || n.opType().equals("QuantMatMul"))
                && n.domain().equals(Fused.DOMAIN);
    }

    /** The fused node's inputs (MatMul's A, B, or QuantMatMul's six) with {@code input} set at {@code slot}. */
    private static Node fused(Node mm, int slot, String input, Attributes attrs, List<String> outputs) {
        List<String> in = new ArrayList<>(mm.inputs());
        while (in.size() <= slot) {
            in.add("");
        }
        in.set(slot, input);
        while (!in.isEmpty() && in.get(in.size() - 1).isEmpty()) {
            in.remove(in.size() - 1);
        }
        String op = mm.opType().equals("QuantMatMul") ? "QuantMatMul" : "FusedMatMul";
        return new Node(mm.name(), op, Fused.DOMAIN, 1, in, outputs, attrs);
    }
}
