package dev.edge4j.onnx.ops.math;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/** Clip: limits every element to [min, max]; attributes before opset 11, optional inputs after. */
public final class Clip implements SimpleOp {
    private final boolean fromAttributes;
    private final float attrMin;
    private final float attrMax;

    public Clip(OpSpec spec) {
        fromAttributes = spec.opset() < 11;
        attrMin = spec.attrs().getFloat("min", Float.NEGATIVE_INFINITY);
        attrMax = spec.attrs().getFloat("max", Float.POSITIVE_INFINITY);
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "input");
        Ops.requireNumeric(x, "Clip input");
        DType t = x.dtype();
        Tensor lo = fromAttributes ? null : Ops.optional(in, 1);
        Tensor hi = fromAttributes ? null : Ops.optional(in, 2);
        int n = x.size();
        if (t.isInteger()) {
            long min = lo == null ? Long.MIN_VALUE : Ops.scalarLong(lo, "Clip min");
            long max = hi == null ? Long.MAX_VALUE : Ops.scalarLong(hi, "Clip max");
            Tensor out = Tensor.zeros(t, x.shape());
            boolean u64 = t == DType.UINT64;
            for (int i = 0; i < n; i++) {
                long v = x.getLong(i);
                if (u64) {
                    if (lo != null && Long.compareUnsigned(v, min) < 0) {
                        v = min;
                    }
                    if (hi != null && Long.compareUnsigned(v, max) > 0) {
                        v = max;
                    }
                } else {
                    v = Math.min(Math.max(v, min), max);
                }
                out.setLong(i, v);
            }
            return out;
        }
        double min = fromAttributes ? attrMin : lo == null ? Double.NEGATIVE_INFINITY : Ops.scalarDouble(lo, "Clip min");
        double max = fromAttributes ? attrMax : hi == null ? Double.POSITIVE_INFINITY : Ops.scalarDouble(hi, "Clip max");
        if (t == DType.FLOAT32) {
            float fmin = (float) min;
            float fmax = (float) max;
            float[] src = x.floats();
            Tensor out = ctx.alloc(t, x.shape());
            float[] dst = out.floats();
            for (int i = 0; i < n; i++) {
                float v = src[i];
                dst[i] = Float.isNaN(v) ? v : Math.min(Math.max(v, fmin), fmax);
            }
            return out;
        }
        Tensor out = Tensor.zeros(t, x.shape());
        for (int i = 0; i < n; i++) {
            double v = x.getDouble(i);
            out.setDouble(i, Double.isNaN(v) ? v : Math.min(Math.max(v, min), max));
        }
        return out;
    }
}
