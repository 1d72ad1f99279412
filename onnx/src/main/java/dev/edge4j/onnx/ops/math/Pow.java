package dev.edge4j.onnx.ops.math;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.Broadcast;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/** Pow(X, Y): X to the power Y, broadcast; the exponent may have another numeric type than X. */
public final class Pow implements SimpleOp {
    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        Tensor y = Ops.input(in, 1, "Y");
        Ops.requireNumeric(x, "Pow base");
        Ops.requireNumeric(y, "Pow exponent");
        Shape shape = Broadcast.shape(x.shape(), y.shape());
        DType t = x.dtype();
        Tensor out = Tensor.zeros(t, shape);
        boolean intBase = t.isInteger();
        boolean intExp = y.dtype().isInteger();
        if (t == DType.FLOAT32 && y.dtype() == DType.FLOAT32) {
            float[] a = x.floats();
            float[] b = y.floats();
            float[] o = out.floats();
            Broadcast.forEachRun(x.shape(), y.shape(), shape, (po, pa, sa, pb, sb, n) -> {
                for (int i = 0; i < n; i++) {
                    float e = b[pb + i * sb];
                    float v = a[pa + i * sa];
                    o[po + i] = e == 2f ? v * v : (float) Math.pow(v, e);
                }
            });
            return out;
        }
        Broadcast.forEachRun(x.shape(), y.shape(), shape, (po, pa, sa, pb, sb, n) -> {
            for (int i = 0; i < n; i++) {
                if (intBase && intExp) {
                    out.setLong(po + i, ipow(x.getLong(pa + i * sa), y.getLong(pb + i * sb)));
                } else if (intBase) {
                    out.setLong(po + i, (long) Math.pow(x.getLong(pa + i * sa), y.getDouble(pb + i * sb)));
                } else {
                    out.setDouble(po + i, Math.pow(x.getDouble(pa + i * sa), y.getDouble(pb + i * sb)));
                }
            }
        });
        return out;
    }

    private static long ipow(long base, long exp) {
        if (exp < 0) {
            if (base == 1) {
                return 1;
            }
            if (base == -1) {
                return (exp & 1) == 0 ? 1 : -1;
            }
            if (base == 0) {
                throw new InvalidInputException("0 raised to a negative integer power");
            }
            return 0;
        }
        long r = 1;
        while (exp > 0) {
            if ((exp & 1) != 0) {
                r *= base;
            }
            base *= base;
            exp >>= 1;
        }
        return r;
    }
}
