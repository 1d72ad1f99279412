package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.RowOps;
import dev.edge4j.onnx.ops.Broadcast;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * The engine's ScaledSoftmax: {@code Softmax(X / C + Mask)} over the last axis ({@code X * C}
 * when the attribute divide is 0), C a scalar, Mask broadcast like an Add. Made by a graph pass
 * from attention's score normalization; each row is scaled, masked and normalized in one visit,
 * with the same float operations the three separate nodes make.
 */
public final class ScaledSoftmax implements SimpleOp {
    private final boolean divide;

    public ScaledSoftmax(OpSpec spec) {
        divide = spec.attrs().getLong("divide", 1) != 0;
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        Tensor mask = Ops.input(in, 2, "Mask");
        Ops.requireType(x, "ScaledSoftmax input", DType.FLOAT32);
        Ops.requireType(mask, "ScaledSoftmax mask", DType.FLOAT32);
        Tensor scale = Ops.input(in, 1, "C");
        float c = (float) Ops.scalarDouble(scale, "ScaledSoftmax scale");
        Shape shape = Broadcast.shape(x.shape(), scale.shape(), mask.shape());
        Tensor out = ctx.alloc(DType.FLOAT32, shape);
        int rank = shape.rank();
        int len = rank == 0 ? 1 : shape.dim(rank - 1);
        if (out.size() == 0) {
            return out;
        }
        int[] xs = Broadcast.strides(x.shape(), shape);
        int[] ms = Broadcast.strides(mask.shape(), shape);
        int[] dims = shape.toArray();
        int xStep = rank == 0 ? 0 : xs[rank - 1];
        int mStep = rank == 0 ? 0 : ms[rank - 1];
        float[] xv = x.floats();
        float[] mv = mask.floats();
        float[] ov = out.floats();
        int rows = out.size() / len;
        ctx.parallel().forRange(rows, Math.max(1, 8192 / len), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                // Where row r starts in X and in the mask: its index over the leading axes.
                int xo = 0;
                int mo = 0;
                for (int d = rank - 2, rest = r; d >= 0; d--) {
                    int i = rest % dims[d];
                    rest /= dims[d];
                    xo += i * xs[d];
                    mo += i * ms[d];
                }
                int o = r * len;
                if (xStep == 1 && mStep == 1) {
                    RowOps.scaleAdd(xv, xo, c, divide, mv, mo, ov, o, len);
                } else if (divide) {
                    for (int j = 0; j < len; j++) {
                        ov[o + j] = xv[xo + j * xStep] / c + mv[mo + j * mStep];
                    }
                } else {
                    for (int j = 0; j < len; j++) {
                        ov[o + j] = xv[xo + j * xStep] * c + mv[mo + j * mStep];
                    }
                }
                RowOps.softmax(ov, o, ov, o, len);
            }
        });
        return out;
    }
}
