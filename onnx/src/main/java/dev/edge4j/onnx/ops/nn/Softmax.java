package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.RowOps;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * Softmax, LogSoftmax and Hardmax. From opset 13 they work along one axis (default -1); before,
 * the input is seen as a 2-D matrix split at the axis (default 1) and each row is normalized.
 */
public final class Softmax implements SimpleOp {
    /** Which normalization. */
    public enum Kind { SOFTMAX, LOG_SOFTMAX, HARDMAX }

    private final Kind kind;
    private final long axis;
    private final boolean coerce2d;

    public Softmax(OpSpec spec, Kind kind) {
        this.kind = kind;
        this.coerce2d = spec.opset() < 13;
        this.axis = spec.attrs().getLong("axis", coerce2d ? 1 : -1);
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "input");
        Ops.requireNumeric(x, "Softmax input");
        int r = x.rank();
        int ax = Ops.axis(axis, Math.max(r, 1));
        int outer;
        int len;
        int inner;
        if (coerce2d) {
            outer = x.shape().sizeBetween(0, ax);
            len = x.shape().sizeBetween(ax, r);
            inner = 1;
        } else {
            outer = x.shape().sizeBetween(0, ax);
            len = r == 0 ? 1 : x.shape().dim(ax);
            inner = x.shape().sizeBetween(ax + 1, r);
        }
        Tensor out = ctx.alloc(x.dtype(), x.shape());
        boolean f32 = x.dtype() == DType.FLOAT32;
        if (f32 && inner == 1 && kind != Kind.HARDMAX && len > 0) {
            float[] xs = x.floats();
            float[] os = out.floats();
            boolean soft = kind == Kind.SOFTMAX;
            if (soft && len < RowOps.SHORT_ROW) {
                ctx.parallel().forRange(outer, 2048, (r0, r1) ->
                        RowOps.softmaxShortRows(xs, r0 * len, os, r0 * len, r1 - r0, len));
                return out;
            }
            ctx.parallel().forRange(outer, Math.max(1, 8192 / len), (r0, r1) -> {
                for (int row = r0; row < r1; row++) {
                    if (soft) {
                        RowOps.softmax(xs, row * len, os, row * len, len);
                    } else {
                        RowOps.logSoftmax(xs, row * len, os, row * len, len);
                    }
                }
            });
            return out;
        }
        float[] xs = f32 ? x.floats() : null;
        float[] os = f32 ? out.floats() : null;
        double[] row = new double[len];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int j = 0; j < len; j++) {
                    double v = f32 ? xs[base + j * inner] : x.getDouble(base + j * inner);
                    row[j] = v;
                    if (v > max) {
                        max = v;
                        arg = j;
                    }
                }
                double sum = 0;
                if (kind != Kind.HARDMAX) {
                    for (int j = 0; j < len; j++) {
                        sum += Math.exp(row[j] - max);
                    }
                }
                double logSum = Math.log(sum);
                for (int j = 0; j < len; j++) {
                    double y = switch (kind) {
                        case SOFTMAX -> Math.exp(row[j] - max) / sum;
                        case LOG_SOFTMAX -> row[j] - max - logSum;
                        case HARDMAX -> j == arg ? 1 : 0;
                    };
                    if (f32) {
                        os[base + j * inner] = (float) y;
                    } else {
                        out.setDouble(base + j * inner, y);
                    }
                }
            }
        }
        return out;
    }
}
