package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Activation;
import dev.edge4j.kernels.BinaryF32;
import dev.edge4j.kernels.Epilogue;
import dev.edge4j.kernels.Gemm;
import dev.edge4j.kernels.PackedColumns;
import dev.edge4j.kernels.PackedGemm;
import dev.edge4j.onnx.ops.Broadcast;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Fused;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * MatMul with NumPy's rules: the last two axes multiply, the leading ones broadcast, and a 1-D
 * operand is a row (left) or column (right) vector whose axis is dropped from the result.
 *
 * <p>Also the engine's FusedMatMul: {@code Y = act(A * B + bias + Z)} with a per-column bias
 * (input 2), a residual Z (input 3, broadcast like an Add) and PRelu's slope (input 4). Constant
 * 2-D float weights are packed once, here, for {@link PackedGemm}, which applies the bias,
 * residual and activation as it stores its results.
 */
public final class MatMul implements SimpleOp {
    /** For products that already run inside one task of the pool. */
    private static final Parallel ONE_THREAD = Parallel.sequential();
    private final Activation act;
    private final float alpha;
    private final float beta;
    private final PackedColumns packed;
    private final Tensor packedFrom;

    public MatMul(OpSpec spec) {
        act = Fused.activation(spec);
        alpha = Fused.alpha(spec, act);
        beta = Fused.beta(spec, act);
        Tensor b = spec.constantInput(1);
        if (b != null && b.dtype() == DType.FLOAT32 && b.rank() == 2 && b.size() > 0) {
            packed = PackedColumns.pack(b.floats(), 0, b.shape().dim(1), b.shape().dim(0), b.shape().dim(1), false);
            packedFrom = b;
        } else {
            packed = null;
            packedFrom = null;
        }
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor a = Ops.input(in, 0, "A");
        Tensor b = Ops.input(in, 1, "B");
        Tensor bias = Ops.optional(in, 2);
        Tensor z = Ops.optional(in, 3);
        Tensor slope = Ops.optional(in, 4);
        if (bias == null && z == null && act == Activation.NONE && (b != packedFrom || a.dtype() != DType.FLOAT32)) {
            return multiply(a, b, ctx);
        }
        Ops.requireType(a, "MatMul A", DType.FLOAT32);
        Ops.requireType(b, "MatMul B", DType.FLOAT32);
        Plan p = plan(a.shape(), b.shape());
        int n = p.n();
        Epilogue ep = Fused.epilogue(act, alpha, beta, bias, slope, n);
        boolean zFits = z == null || z.dtype() == DType.FLOAT32 && z.shape().equals(p.out());
        Epilogue first = zFits ? ep : Fused.epilogue(Activation.NONE, 0, 0, bias, null, n);
        Tensor out;
        if (b == packedFrom && p.bBatch().rank() == 0) {
            // One weight matrix for every row of A: a single product over all of A's rows.
            out = ctx.alloc(DType.FLOAT32, p.out());
            int rows = p.k() == 0 ? 0 : a.size() / p.k();
            if (p.k() == 0) {
                java.util.Arrays.fill(out.floats(), 0f);
                rows = out.size() / Math.max(1, n);
                for (int r = 0; r < rows; r++) {
                    first.applyColumns(out.floats(), r * n, n, 0, zFits && z != null ? z.floats() : null, r * n);
                }
            } else {
                PackedGemm.run(rows, a.floats(), 0, p.k(), packed, out.floats(), 0, n, first,
                        zFits && z != null ? z.floats() : null, 0, n, ctx.parallel());
            }
        } else {
            out = multiply(a, b, ctx);
            float[] o = out.floats();
            float[] zs = zFits && z != null ? z.floats() : null;
            if (!first.isIdentity() || zs != null) {
                for (int r = 0; r * n < o.length; r++) {
                    first.applyColumns(o, r * n, n, 0, zs, r * n);
                }
            }
        }
        if (zFits) {
            return out;
        }
        // A residual that broadcasts to another shape: add it as Add would, then the activation.
        Ops.requireType(z, "MatMul residual", DType.FLOAT32);
        Shape shape = Broadcast.shape(out.shape(), z.shape());
        Tensor sum = ctx.alloc(DType.FLOAT32, shape);
        float[] x = out.floats();
        float[] y = z.floats();
        float[] s = sum.floats();
        Broadcast.forEachRun(out.shape(), z.shape(), shape, (po, pa, sa, pb, sb, cnt) ->
                BinaryF32.ADD.run(x, pa, sa, y, pb, sb, s, po, cnt));
        Epilogue last = new Epilogue(null, ep.act(), ep.slope(), ep.alpha(), ep.beta());
        for (int r = 0; r * n < s.length; r++) {
            last.applyColumns(s, r * n, n, 0, null, 0);
        }
        return sum;
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
            float[] af = a.floats();
            float[] bf = b.floats();
            Parallel pool = ctx.parallel();
            if (batches >= 2 * pool.threads()) {
                // Many small products (attention heads): one whole product per task; each runs on
                // its own thread, where splitting every small product over the pool would make
                // the threads meet once or twice per head.
                pool.forEach(batches, bi -> Gemm.sgemm(false, false, m, n, k, 1f, af, aIdx[bi] * m * k, k, bf,
                        bIdx[bi] * k * n, n, 0f, o, bi * m * n, n, ONE_THREAD));
                return out;
            }
            for (int bi = 0; bi < batches; bi++) {
                Gemm.sgemm(false, false, m, n, k, 1f, af, aIdx[bi] * m * k, k, bf, bIdx[bi] * k * n, n,
                        0f, o, bi * m * n, n, pool);
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
