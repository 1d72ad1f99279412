package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Gemm;
import dev.edge4j.onnx.ops.Broadcast;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/** Gemm: {@code alpha * op(A) * op(B) + beta * C}, C broadcast to the result. */
public final class GemmOp implements SimpleOp {
    private final float alpha;
    private final float beta;
    private final boolean transA;
    private final boolean transB;

    public GemmOp(OpSpec spec) {
        alpha = spec.attrs().getFloat("alpha", 1f);
        beta = spec.attrs().getFloat("beta", 1f);
        transA = spec.attrs().getLong("transA", 0) != 0;
        transB = spec.attrs().getLong("transB", 0) != 0;
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor a = Ops.input(in, 0, "A");
        Tensor b = Ops.input(in, 1, "B");
        Tensor c = Ops.optional(in, 2);
        Ops.requireRank(a, 2, "Gemm A");
        Ops.requireRank(b, 2, "Gemm B");
        Ops.requireSameType(a, b, "Gemm");
        int m = transA ? a.shape().dim(1) : a.shape().dim(0);
        int k = transA ? a.shape().dim(0) : a.shape().dim(1);
        int kb = transB ? b.shape().dim(1) : b.shape().dim(0);
        int n = transB ? b.shape().dim(0) : b.shape().dim(1);
        if (k != kb) {
            throw new InvalidInputException("Gemm A " + a.shape() + " and B " + b.shape() + " do not fit");
        }
        Shape shape = Shape.of(m, n);
        DType t = a.dtype();
        if (t == DType.FLOAT32) {
            Tensor out = ctx.alloc(t, shape);
            float[] o = out.floats();
            float effBeta = 0f;
            if (c != null && beta != 0) {
                Ops.requireType(c, "Gemm C", DType.FLOAT32);
                int[] map = Broadcast.indexMap(c.shape(), Broadcast.shape(c.shape(), shape));
                if (map.length != m * n) {
                    throw new InvalidInputException("Gemm C " + c.shape() + " does not broadcast to " + shape);
                }
                float[] cs = c.floats();
                for (int i = 0; i < map.length; i++) {
                    o[i] = cs[map[i]];
                }
                effBeta = beta;
            }
            Gemm.sgemm(transA, transB, m, n, k, alpha, a.floats(), 0, a.shape().dim(1), b.floats(), 0,
                    b.shape().dim(1), effBeta, o, 0, n, ctx.parallel());
            return out;
        }
        Ops.requireNumeric(a, "Gemm input");
        Tensor out = Tensor.zeros(t, shape);
        int[] map = c == null ? null : Broadcast.indexMap(c.shape(), shape);
        int lda = a.shape().dim(1);
        int ldb = b.shape().dim(1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int q = 0; q < k; q++) {
                    double x = transA ? a.getDouble(q * lda + i) : a.getDouble(i * lda + q);
                    double y = transB ? b.getDouble(j * ldb + q) : b.getDouble(q * ldb + j);
                    s += x * y;
                }
                double v = alpha * s + (c == null ? 0 : beta * c.getDouble(map[i * n + j]));
                out.setDouble(i * n + j, v);
            }
        }
        return out;
    }
}
