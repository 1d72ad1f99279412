package dev.edge4j.onnx.ops.reduce;

import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/** ArgMax and ArgMin: the index of the extreme value along an axis (the first or, if asked, last). */
public final class ArgReduce implements SimpleOp {
    private final boolean max;
    private final long axis;
    private final boolean keepDims;
    private final boolean last;

    public ArgReduce(OpSpec spec, boolean max) {
        this.max = max;
        this.axis = spec.attrs().getLong("axis", 0);
        this.keepDims = spec.attrs().getLong("keepdims", 1) != 0;
        this.last = spec.attrs().getLong("select_last_index", 0) != 0;
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "data");
        Ops.requireNumeric(x, "ArgMax/ArgMin input");
        int ax = Ops.axis(axis, x.rank());
        Reduce.checkNotEmpty(x, ax, max ? "ArgMax" : "ArgMin");
        int[] dims = x.dims();
        int outer = x.shape().sizeBetween(0, ax);
        int len = dims[ax];
        int inner = x.shape().sizeBetween(ax + 1, dims.length);
        long[] out = new long[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                int best = 0;
                double bestV = x.getDouble(base);
                for (int j = 1; j < len; j++) {
                    double v = x.getDouble(base + j * inner);
                    boolean better = max ? (last ? v >= bestV : v > bestV) : (last ? v <= bestV : v < bestV);
                    if (better) {
                        best = j;
                        bestV = v;
                    }
                }
                out[o * inner + i] = best;
            }
        }
        dims[ax] = 1;
        Tensor t = Tensor.wrap(dev.edge4j.core.tensor.DType.INT64, Shape.of(dims), out);
        if (keepDims) {
            return t;
        }
        int[] d2 = new int[dims.length - 1];
        for (int d = 0, k = 0; d < dims.length; d++) {
            if (d != ax) {
                d2[k++] = dims[d];
            }
        }
        return t.reshape(d2);
    }
}
