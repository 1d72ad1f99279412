package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/** GlobalAveragePool, GlobalMaxPool, GlobalLpPool: one value per channel over all spatial positions. */
public final class GlobalPool implements SimpleOp {
    private final Pool.Kind kind;
    private final int p;

    public GlobalPool(Pool.Kind kind, int p) {
        this.kind = kind;
        this.p = p;
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        Ops.requireMinRank(x, 2, "global pool input");
        Ops.requireNumeric(x, "global pool input");
        int planes = x.shape().dim(0) * x.shape().dim(1);
        int size = x.shape().sizeBetween(2, x.rank());
        int[] dims = x.dims();
        for (int d = 2; d < dims.length; d++) {
            dims[d] = 1;
        }
        Tensor out = Tensor.zeros(x.dtype(), Shape.of(dims));
        for (int pl = 0; pl < planes; pl++) {
            double acc = kind == Pool.Kind.MAX ? Double.NEGATIVE_INFINITY : 0;
            for (int i = 0; i < size; i++) {
                double v = x.getDouble(pl * size + i);
                acc = switch (kind) {
                    case MAX -> Math.max(acc, v);
                    case AVERAGE -> acc + v;
                    case LP -> acc + Math.pow(Math.abs(v), p);
                };
            }
            out.setDouble(pl, switch (kind) {
                case MAX -> acc;
                case AVERAGE -> acc / size;
                case LP -> Math.pow(acc, 1.0 / p);
            });
        }
        return out;
    }
}
