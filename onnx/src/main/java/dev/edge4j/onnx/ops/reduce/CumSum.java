package dev.edge4j.onnx.ops.reduce;

import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/** CumSum: running sums along an axis, optionally exclusive and/or from the end. */
public final class CumSum implements SimpleOp {
    private final boolean exclusive;
    private final boolean reverse;

    public CumSum(OpSpec spec) {
        exclusive = spec.attrs().getLong("exclusive", 0) != 0;
        reverse = spec.attrs().getLong("reverse", 0) != 0;
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "x");
        Ops.requireNumeric(x, "CumSum input");
        int ax = Ops.axis(Ops.scalarLong(Ops.input(in, 1, "axis"), "CumSum axis"), x.rank());
        int outer = x.shape().sizeBetween(0, ax);
        int len = x.shape().dim(ax);
        int inner = x.shape().sizeBetween(ax + 1, x.rank());
        Tensor out = Tensor.zeros(x.dtype(), x.shape());
        boolean integer = x.dtype().isInteger();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double acc = 0;
                long lacc = 0;
                for (int s = 0; s < len; s++) {
                    int j = reverse ? len - 1 - s : s;
                    int p = (o * len + j) * inner + i;
                    if (integer) {
                        long v = x.getLong(p);
                        if (!exclusive) {
                            lacc += v;
                        }
                        out.setLong(p, lacc);
                        if (exclusive) {
                            lacc += v;
                        }
                    } else {
                        double v = x.getDouble(p);
                        if (!exclusive) {
                            acc += v;
                        }
                        out.setDouble(p, acc);
                        if (exclusive) {
                            acc += v;
                        }
                    }
                }
            }
        }
        return out;
    }
}
