package dev.edge4j.onnx.analyse;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.Dim;
import dev.edge4j.onnx.ValueType;
import dev.edge4j.onnx.ValueType.TensorType;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out the element type and shape of every value it can, node by node from the inputs'
 * declared types and the constants, keeping symbolic dimensions ("batch") where they flow through
 * unchanged. What cannot be told statically stays unknown: the runtime never depends on these
 * types, passes and the planner use them where present, and {@code onnx dump} shows them.
 */
public final class ShapeInference {
    private ShapeInference() {}

    public static void infer(Graph g) {
        Map<String, ValueType> types = g.types();
        // Only what is checked or computed feeds inference: input declarations (enforced on every
        // run), constants, and earlier inferences; a file's other declarations may be wrong.
        Map<String, ValueType> known = new HashMap<>();
        for (String in : g.inputs()) {
            if (types.get(in) != null) {
                known.put(in, types.get(in));
            }
        }
        for (Map.Entry<String, Tensor> c : g.constants().entrySet()) {
            if (g.overridableConstants().contains(c.getKey())) {
                continue;
            }
            TensorType t = typeOf(c.getValue());
            known.put(c.getKey(), t);
            types.put(c.getKey(), t);
            g.inferred().add(c.getKey());
        }
        for (Node n : g.nodes()) {
            List<TensorType> in = new ArrayList<>();
            List<Tensor> values = new ArrayList<>();
            for (String name : n.inputs()) {
                ValueType t = name.isEmpty() ? null : known.get(name);
                in.add(t instanceof TensorType tt ? tt : null);
                values.add(name.isEmpty() || g.overridableConstants().contains(name) ? null : g.constants().get(name));
            }
            List<TensorType> out;
            try {
                out = ShapeRules.apply(n, in, values);
            } catch (RuntimeException e) {
                out = null; // inconsistent inputs: the runtime will name the problem when it runs
            }
            if (out == null) {
                continue;
            }
            for (int i = 0; i < out.size() && i < n.outputs().size(); i++) {
                String name = n.outputs().get(i);
                TensorType t = out.get(i);
                if (name.isEmpty() || t == null) {
                    continue;
                }
                known.put(name, t);
                types.put(name, t);
                g.inferred().add(name);
            }
        }
    }

    public static TensorType typeOf(Tensor t) {
        return ValueType.tensor(t.dtype(), t.shape().toLongArray());
    }

}
