package dev.edge4j.onnx.ops.math;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * An element-wise function of one input with an output of the same type: floats go through
 * {@code onFloat} (computed in double, rounded once), integers through {@code onInteger} when the
 * operator defines one for integers.
 */
public final class Unary implements SimpleOp {
    private final String name;
    private final DoubleUnaryOperator onFloat;
    private final LongUnaryOperator onInteger;
    private final F32 kernel;

    /** A vector kernel for float32 runs: {@code y[yo + i] = f(x[xo + i])} for i below n. */
    @FunctionalInterface
    public interface F32 {
        void apply(float[] x, int xo, float[] y, int yo, int n);
    }

    public Unary(String name, DoubleUnaryOperator onFloat, LongUnaryOperator onInteger) {
        this(name, onFloat, onInteger, null);
    }

    private Unary(String name, DoubleUnaryOperator onFloat, LongUnaryOperator onInteger, F32 kernel) {
        this.name = name;
        this.onFloat = onFloat;
        this.onInteger = onInteger;
        this.kernel = kernel;
    }

    /** The same function with a vector kernel for float32 tensors (it must match {@code onFloat}). */
    public Unary withKernel(F32 k) {
        return new Unary(name, onFloat, onInteger, k);
    }

    /** A function of floating-point inputs only. */
    public static Unary floats(String name, DoubleUnaryOperator f) {
        return new Unary(name, f, null);
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        DType t = x.dtype();
        int n = x.size();
        if (t == DType.FLOAT32 && kernel != null) {
            float[] src = x.floats();
            Tensor out = ctx.alloc(t, x.shape());
            float[] dst = out.floats();
            ctx.parallel().forRange(n, 1 << 15, (a, b) -> kernel.apply(src, a, dst, a, b - a));
            return out;
        }
        if (t == DType.FLOAT32) {
            float[] src = x.floats();
            Tensor out = ctx.alloc(t, x.shape());
            float[] dst = out.floats();
            for (int i = 0; i < n; i++) {
                dst[i] = (float) onFloat.applyAsDouble(src[i]);
            }
            return out;
        }
        if (t == DType.FLOAT64) {
            double[] src = x.doubles();
            Tensor out = ctx.alloc(t, x.shape());
            double[] dst = out.doubles();
            for (int i = 0; i < n; i++) {
                dst[i] = onFloat.applyAsDouble(src[i]);
            }
            return out;
        }
        if (t.isFloatingPoint()) {
            Tensor out = Tensor.zeros(t, x.shape());
            for (int i = 0; i < n; i++) {
                out.setDouble(i, (float) onFloat.applyAsDouble(x.getDouble(i)));
            }
            return out;
        }
        if (t.isInteger() && onInteger != null) {
            Tensor out = Tensor.zeros(t, x.shape());
            for (int i = 0; i < n; i++) {
                out.setLong(i, onInteger.applyAsLong(x.getLong(i)));
            }
            return out;
        }
        throw new InvalidInputException(name + " does not take " + t + " tensors");
    }
}
