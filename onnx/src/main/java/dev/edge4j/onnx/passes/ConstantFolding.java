package dev.edge4j.onnx.passes;

import dev.edge4j.core.Parallel;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ValueType;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Op;
import dev.edge4j.onnx.ops.OpRegistry;
import dev.edge4j.onnx.ops.OpSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Computes at load time what does not depend on the inputs: nodes whose inputs are all constants
 * (Constant nodes, weight transformations, shape arithmetic), and Shape / Size of values whose
 * shape inference already knows. Their outputs become constants and the nodes go away.
 */
public final class ConstantFolding {
    /** Ops that must run every time: their outputs are random. */
    private static final Set<String> RANDOM = Set.of("RandomUniform", "RandomUniformLike", "RandomNormal",
            "RandomNormalLike", "Bernoulli", "Multinomial", "Dropout");
    /** Folded tensors larger than this stay computed at run time, to keep models small in memory. */
    private static final long MAX_ELEMENTS = 1L << 24;

    private ConstantFolding() {}

    /** Folds what it can; returns the number of nodes removed. */
    public static int fold(Graph g) {
        List<Node> kept = new ArrayList<>();
        int folded = 0;
        try (Parallel sequential = Parallel.sequential()) {
            ExecContext ctx = new ExecContext() {
                @Override
                public Parallel parallel() {
                    return sequential;
                }

                @Override
                public Tensor alloc(DType dtype, Shape shape) {
                    return Tensor.zeros(dtype, shape);
                }
            };
            for (Node n : g.nodes()) {
                Tensor[] values = foldable(n, g) ? evaluate(n, g, ctx) : null;
                if (values == null) {
                    kept.add(n);
                    continue;
                }
                for (int i = 0; i < values.length; i++) {
                    String name = n.outputs().get(i);
                    if (!name.isEmpty()) {
                        g.constants().put(name, values[i]);
                        g.types().put(name, ValueType.tensor(values[i].dtype(), values[i].shape().toLongArray()));
                        g.inferred().add(name);
                    }
                }
                folded++;
            }
        }
        g.setNodes(kept);
        return folded;
    }

    private static boolean foldable(Node n, Graph g) {
        if (!n.domain().isEmpty() || RANDOM.contains(n.opType()) || !n.attributes().graphs().isEmpty()) {
            return false;
        }
        String first = n.input(0);
        boolean trusted = g.inferred().contains(first) || g.inputs().contains(first);
        if ((n.opType().equals("Shape") || n.opType().equals("Size")) && trusted
                && g.types().get(first) instanceof ValueType.TensorType t && t.isStatic()) {
            return true;
        }
        for (String in : n.inputs()) {
            if (!in.isEmpty() && (!g.constants().containsKey(in) || g.overridableConstants().contains(in))) {
                return false;
            }
        }
        return true;
    }

    private static Tensor[] evaluate(Node n, Graph g, ExecContext ctx) {
        try {
            Object[] args = new Object[n.inputs().size()];
            for (int i = 0; i < args.length; i++) {
                String in = n.input(i);
                if (in.isEmpty()) {
                    continue;
                }
                Tensor c = g.constants().get(in);
                if (c == null && g.types().get(in) instanceof ValueType.TensorType t) {
                    // Shape or Size of a value with a static shape: a placeholder of that shape will do.
                    long[] dims = t.dimValues();
                    c = Tensor.zeros(t.dtype() == null ? DType.FLOAT32 : t.dtype(), Shape.of(dims));
                }
                args[i] = c;
            }
            Op op = OpRegistry.standard().create(new OpSpec(n, g.constants()::get, sub -> {
                throw new IllegalStateException("subgraphs are not folded");
            }));
            Object[] out = op.run(args, ctx);
            Tensor[] values = new Tensor[n.outputs().size()];
            for (int i = 0; i < values.length; i++) {
                if (i >= out.length || !(out[i] instanceof Tensor t) || t.size() > MAX_ELEMENTS) {
                    return null;
                }
                values[i] = t;
            }
            return values;
        } catch (RuntimeException | OutOfMemoryError e) {
            return null; // left to run time, which reports the problem with the node's name
        }
    }
}
