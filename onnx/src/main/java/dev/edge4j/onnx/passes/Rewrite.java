package dev.edge4j.onnx.passes;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ValueType;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of node replacements for one sweep of a pass: a matched pattern's last node is replaced
 * by the fused node (so every value it reads already exists there) and its other nodes removed.
 * Nodes already part of a match are not matched again in the same sweep.
 */
final class Rewrite {
    private final Map<Node, Node> replaced = new IdentityHashMap<>();
    private final Map<Node, Boolean> removed = new IdentityHashMap<>();

    boolean touched(Node... nodes) {
        for (Node n : nodes) {
            if (replaced.containsKey(n) || removed.containsKey(n)) {
                return true;
            }
        }
        return false;
    }

    /** Replaces {@code last} by {@code fused} and drops {@code others}. */
    void fuse(Node last, Node fused, Node... others) {
        replaced.put(last, fused);
        for (Node n : others) {
            removed.put(n, Boolean.TRUE);
        }
    }

    boolean isEmpty() {
        return replaced.isEmpty() && removed.isEmpty();
    }

    /** Applies the batch; returns how many patterns were fused. */
    int apply(Graph g) {
        List<Node> out = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (removed.containsKey(n)) {
                continue;
            }
            out.add(replaced.getOrDefault(n, n));
        }
        g.setNodes(out);
        return replaced.size();
    }

    /** The constant value of {@code name}, or null (inputs that may be fed are not constants). */
    static Tensor constant(Graph g, String name) {
        if (name.isEmpty() || g.overridableConstants().contains(name)) {
            return null;
        }
        return g.constants().get(name);
    }

    /** The single float value of a one-element float constant, or null. */
    static Float scalar(Graph g, String name) {
        Tensor t = constant(g, name);
        if (t == null || t.size() != 1 || !t.dtype().isFloatingPoint()) {
            return null;
        }
        return (float) t.getDouble(0);
    }

    /** True when the engine inferred (or checks, for an input) {@code name} to be a float32 tensor of the given rank (any rank when -1). */
    static boolean isFloat32(Graph g, String name, int rank) {
        boolean trusted = g.inferred().contains(name) || g.inputs().contains(name);
        if (!trusted || !(g.types().get(name) instanceof ValueType.TensorType t)) {
            return false;
        }
        return t.dtype() == DType.FLOAT32 && (rank < 0 || t.rank() == rank);
    }

    /** True when both values were inferred as float32 tensors of one fully known shape. */
    static boolean sameStaticShape(Graph g, String a, String b) {
        return isFloat32(g, a, -1) && isFloat32(g, b, -1)
                && g.types().get(a) instanceof ValueType.TensorType ta && ta.isStatic()
                && g.types().get(b) instanceof ValueType.TensorType tb && tb.isStatic()
                && java.util.Arrays.equals(ta.dimValues(), tb.dimValues());
    }

    /** Adds a constant under a fresh name derived from {@code base}. */
    static String addConstant(Graph g, String base, Tensor value) {
        String name = base;
        for (int i = 1; g.constants().containsKey(name) || g.types().containsKey(name); i++) {
            name = base + "_" + i;
        }
        g.constants().put(name, value);
        g.types().put(name, ValueType.tensor(value.dtype(), value.shape().toLongArray()));
        g.inferred().add(name);
        return name;
    }
}
