package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Gemm;
import dev.edge4j.onnx.ops.Broadcast;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * MatMul with NumPy's rules: the last two axes multiply, the leading ones broadcast, and a 1-D
 * operand is a row (left) or column (right) vector whose axis is dropped from the result.
 */
public final class MatMul implements SimpleOp {
    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        return multiply(Ops.input(in, 0, "A"), Ops.input(in, 1, "B"), ctx);
    }

    /** The shapes of a batched product: batch dims, m, k, n, and the result's shape. */
    record Plan(Shape batch, int m, int k, int n, Shape out, Shape aBatch, Shape bBatch) {}

    static Plan plan(Shape a, Shape b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new InvalidInputException("MatMul inputs must have rank at least 1, got " + a + " and " + b);
        }
        int[] ad = a.rank() == 1 ? new int[] {1, a.dim(0)} : a.toArray();
        int[] bd = b.rank() == 1 ? new int[] {b.dim(0), 1} : b.toArray();
        int m = ad[ad.length - 2];
        int k = ad[ad.length - 1];
        int n = bd[bd.length - 1];
        if (bd[bd.length - 2] != k) {
            throw new InvalidInputException("MatMul inputs " + a + " and " + b + " do not fit: " + k + " != "
                    + bd[bd.length - 2]);
        }
        Shape aBatch = Shape.of(java.util.Arrays.copyOf(ad, ad.length - 2));
        Shape bBatch = Shape.of(java.util.Arrays.copyOf(bd, bd.length - 2));
        Shape batch = Broadcast.shape(aBatch, bBatch);
        int[] out = new int[batch.rank() + (a.rank() == 1 ? 0 : 1) + (b.rank() == 1 ? 0 : 1)];
        int p = 0;
        for (int d = 0; d < batch.rank(); d++) {
            out[p++] = batch.dim(d);
        }
        if (a.rank() != 1) {
            out[p++] = m;
        }
        if (b.rank() != 1) {
            out[p] = n;
        }
        return new Plan(batch, m, k, n, Shape.of(out), aBatch, bBatch);
    }

    static Tensor multiply(Tensor a, Tensor b, ExecContext ctx) {
        Ops.requireSameType(a, b, "MatMul");
        Plan p = plan(a.shape(), b.shape());
        int batches = p.batch().size();
        int[] aIdx = Broadcast.indexMap(p.aBatch(), p.batch());
        int[] bIdx = Broadcast.indexMap(p.bBatch(), p.batch());
        int m = p.m();
        int k = p.k();
        int n = p.n();
        DType t = a.dtype();
        if (t == DType.FLOAT32) {
            Tensor out = ctx.alloc(t, p.out());
            float[] o = out.floats();
            if (k == 0) {
                java.util.Arrays.fill(o, 0f);
            }
            for (int bi = 0; bi < batches; bi++) {
                Gemm.sgemm(false, false, m, n, k, 1f, a.floats(), aIdx[bi] * m * k, k, b.floats(), bIdx[bi] * k * n, n,
                        0f, o, bi * m * n, n, ctx.parallel());
            }
            return out;
        }
        Ops.requireNumeric(a, "MatMul input");
        Tensor out = Tensor.zeros(t, p.out());
        boolean integer = t.isInteger();
        for (int bi = 0; bi < batches; bi++) {
            int ao = aIdx[bi] * m * k;
            int bo = bIdx[bi] * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    if (integer) {
                        long s = 0;
                        for (int q = 0; q < k; q++) {
                            s += a.getLong(ao + i * k + q) * b.getLong(bo + q * n + j);
                        }
                        out.setLong(bi * m * n + i * n + j, s);
                    } else {
                        double s = 0;
                        for (int q = 0; q < k; q++) {
                            s += a.getDouble(ao + i * k + q) * b.getDouble(bo + q * n + j);
                        }
                        out.setDouble(bi * m * n + i * n + j, s);
                    }
                }
            }
        }
        return out;
    }
}
