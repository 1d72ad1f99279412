package dev.edge4j.onnx.ops.math;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.BinaryF32;
import dev.edge4j.onnx.ops.Broadcast;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * Broadcasting arithmetic of two inputs of one type (Add, Sub, Mul, Div, Max, Min...). Float32
 * runs on the {@link BinaryF32} kernels where there is one; every other type goes through
 * {@link BinaryFn}.
 */
public final class Binary implements SimpleOp {
    private final String name;
    private final BinaryF32 kernel;
    private final BinaryFn fn;

    public Binary(String name, BinaryF32 kernel, BinaryFn fn) {
        this.name = name;
        this.kernel = kernel;
        this.fn = fn;
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor a = Ops.input(in, 0, "A");
        Tensor b = Ops.input(in, 1, "B");
        Ops.requireSameType(a, b, name);
        return apply(a, b, ctx);
    }

    public Tensor apply(Tensor a, Tensor b, ExecContext ctx) {
        Shape shape = Broadcast.shape(a.shape(), b.shape());
        DType t = a.dtype();
        if (t == DType.FLOAT32 && kernel != null) {
            Tensor out = ctx.alloc(t, shape);
            float[] x = a.floats();
            float[] y = b.floats();
            float[] o = out.floats();
            Broadcast.forEachRun(a.shape(), b.shape(), shape,
                    (po, pa, sa, pb, sb, n) -> kernel.run(x, pa, sa, y, pb, sb, o, po, n));
            return out;
        }
        return generic(name, a, b, shape, t, fn);
    }

    /** Element by element through {@code fn}, the result of type {@code outType}. */
    static Tensor generic(String name, Tensor a, Tensor b, Shape shape, DType outType, BinaryFn fn) {
        DType t = a.dtype();
        if (!t.isNumeric()) {
            throw new InvalidInputException(name + " does not take " + t + " tensors");
        }
        Tensor out = Tensor.zeros(outType, shape);
        boolean integer = t.isInteger() || t == DType.BOOL;
        Broadcast.forEachRun(a.shape(), b.shape(), shape, (po, pa, sa, pb, sb, n) -> {
            for (int i = 0; i < n; i++) {
                if (integer) {
                    out.setLong(po + i, fn.onLong(a.getLong(pa + i * sa), b.getLong(pb + i * sb), t));
                } else {
                    out.setDouble(po + i, fn.onDouble(a.getDouble(pa + i * sa), b.getDouble(pb + i * sb)));
                }
            }
        });
        return out;
    }
}
