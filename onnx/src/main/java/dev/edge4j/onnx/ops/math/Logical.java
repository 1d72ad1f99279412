package dev.edge4j.onnx.ops.math;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.Broadcast;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/** Broadcasting And, Or, Xor of bool tensors. */
public final class Logical implements SimpleOp {
    @FunctionalInterface
    public interface Fn {
        boolean apply(boolean x, boolean y);
    }

    private final String name;
    private final Fn fn;

    public Logical(String name, Fn fn) {
        this.name = name;
        this.fn = fn;
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor a = Ops.input(in, 0, "A");
        Tensor b = Ops.input(in, 1, "B");
        Ops.requireType(a, name + " input A", DType.BOOL);
        Ops.requireType(b, name + " input B", DType.BOOL);
        Shape shape = Broadcast.shape(a.shape(), b.shape());
        Tensor out = Tensor.zeros(DType.BOOL, shape);
        boolean[] x = a.booleans();
        boolean[] y = b.booleans();
        boolean[] o = out.booleans();
        Broadcast.forEachRun(a.shape(), b.shape(), shape, (po, pa, sa, pb, sb, n) -> {
            for (int i = 0; i < n; i++) {
                o[po + i] = fn.apply(x[pa + i * sa], y[pb + i * sb]);
            }
        });
        return out;
    }
}
