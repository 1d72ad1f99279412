package dev.edge4j.onnx.ops.training;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.UnsupportedOpException;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Op;
import dev.edge4j.onnx.ops.OpRegistry;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.passes.GradientLowering;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient: the derivatives of y with respect to each x, by reverse-mode differentiation of the
 * forward computation (prepared by {@link GradientLowering}): run it keeping every intermediate
 * value, then push dy/dy = 1 back through each node's {@link GradientRules rule}.
 */
final class Gradient implements Op {
    private final List<Node> nodes;
    private final List<Op> ops = new ArrayList<>();
    private final Graph forward;
    private final int xCount;

    Gradient(OpSpec spec) {
        forward = spec.attrs().getGraph(GradientLowering.FORWARD);
        if (forward == null) {
            throw Ops.badModel(spec, "Gradient was not prepared (no forward graph)");
        }
        xCount = spec.attrs().getStrings("xs", new String[0]).length;
        nodes = forward.nodes();
        for (Node n : nodes) {
            if (!GradientRules.supports(n.opType()) || !n.domain().isEmpty()) {
                throw new UnsupportedOpException(spec.describe() + ": cannot differentiate through "
                        + n.describe() + " (no gradient rule for " + n.opType() + ")");
            }
            ops.add(OpRegistry.standard().create(new OpSpec(n, forward.constants()::get, g -> {
                throw new UnsupportedOpException("Gradient cannot differentiate through subgraphs");
            })));
        }
    }

    @Override
    public Object[] run(Object[] in, ExecContext ctx) {
        Map<String, Tensor> values = new HashMap<>(forward.constants());
        for (int i = 0; i < forward.inputs().size(); i++) {
            if (!(in[i] instanceof Tensor t)) {
                throw new InvalidInputException("Gradient input " + i + " must be a tensor");
            }
            values.put(forward.inputs().get(i), t);
        }
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            Object[] args = new Object[n.inputs().size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = n.input(i).isEmpty() ? null : values.get(n.input(i));
            }
            Object[] r = ops.get(k).run(args, ctx);
            for (int o = 0; o < n.outputs().size(); o++) {
                values.put(n.outputs().get(o), (Tensor) r[o]);
            }
        }
        String y = forward.outputs().get(0);
        Tensor yv = values.get(y);
        Map<String, Tensor> grads = new HashMap<>();
        grads.put(y, GradientRules.fill(yv, 1));
        for (int k = nodes.size() - 1; k >= 0; k--) {
            Node n = nodes.get(k);
            Tensor dy = grads.get(n.outputs().get(0));
            if (dy == null) {
                continue;
            }
            Tensor[] inputs = new Tensor[n.inputs().size()];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = values.get(n.input(i));
            }
            Tensor[] dx = GradientRules.backward(n.opType(), inputs, values.get(n.outputs().get(0)), dy, ctx);
            for (int i = 0; i < dx.length; i++) {
                if (dx[i] != null) {
                    grads.merge(n.input(i), dx[i], GradientRules::add);
                }
            }
        }
        Object[] out = new Object[xCount];
        for (int i = 0; i < xCount; i++) {
            String x = forward.inputs().get(i);
            Tensor g = grads.get(x);
            out[i] = g != null ? g : GradientRules.fill(values.get(x), 0);
        }
        return out;
    }
}
