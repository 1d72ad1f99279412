package dev.edge4j.onnx.ops.quant;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.GemmInt;
import dev.edge4j.onnx.ops.Broadcast;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * Integer products of quantized operands: MatMulInteger and QLinearMatMul (batched, NumPy
 * broadcasting), with per-tensor or per-row / per-column zero points.
 */
final class IntegerOps {
    private IntegerOps() {}

    /** The operand as ints with its zero point subtracted; {@code perRow} spreads a 1-D zero point over rows (A) or columns (B). */
    static int[] shifted(Tensor x, Tensor zp, boolean isA) {
        Ops.requireType(x, "quantized operand", DType.UINT8, DType.INT8);
        int n = x.size();
        int[] out = new int[n];
        byte[] b = x.bytes();
        boolean unsigned = x.dtype() == DType.UINT8;
        int rows = x.rank() >= 2 ? x.shape().dim(-2) : (isA ? 1 : x.shape().dim(0));
        int cols = x.rank() >= 2 ? x.shape().dim(-1) : (isA ? x.shape().dim(0) : 1);
        for (int i = 0; i < n; i++) {
            int v = unsigned ? b[i] & 0xff : b[i];
            int z = 0;
            if (zp != null) {
                if (zp.size() == 1) {
                    z = (int) zp.getLong(0);
                } else if (isA) {
                    z = (int) zp.getLong((i / cols) % rows);
                } else {
                    z = (int) zp.getLong(i % cols);
                }
            }
            out[i] = v - z;
        }
        return out;
    }

    /** The int32 product of two shifted operands with MatMul's shape rules. */
    static Tensor product(Tensor a, int[] ai, Tensor b, int[] bi, ExecContext ctx) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new InvalidInputException("integer MatMul inputs must have rank at least 1");
        }
        int[] ad = a.rank() == 1 ? new int[] {1, a.shape().dim(0)} : a.dims();
        int[] bd = b.rank() == 1 ? new int[] {b.shape().dim(0), 1} : b.dims();
        int m = ad[ad.length - 2];
        int k = ad[ad.length - 1];
        int n = bd[bd.length - 1];
        if (bd[bd.length - 2] != k) {
            throw new InvalidInputException("integer MatMul inputs " + a.shape() + " and " + b.shape() + " do not fit");
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
        Shape shape = Shape.of(out);
        int[] c = new int[shape.size()];
        int[] aIdx = Broadcast.indexMap(aBatch, batch);
        int[] bIdx = Broadcast.indexMap(bBatch, batch);
        for (int bt = 0; bt < batch.size(); bt++) {
            GemmInt.gemm(m, n, k, ai, aIdx[bt] * m * k, bi, bIdx[bt] * k * n, c, bt * m * n, ctx.parallel());
        }
        return Tensor.wrap(DType.INT32, shape, c);
    }

    static SimpleOp matMulInteger(OpSpec spec) {
        // Constant weights (the usual case) are shifted by their zero point once, at load time.
        Tensor constB = spec.constantInput(1);
        boolean constZp = !spec.hasInput(3) || spec.constantInput(3) != null;
        int[] preshifted = constB != null && constZp ? shifted(constB, spec.constantInput(3), false) : null;
        return (in, ctx) -> {
            Tensor a = Ops.input(in, 0, "A");
            Tensor b = Ops.input(in, 1, "B");
            int[] bi = preshifted != null ? preshifted : shifted(b, Ops.optional(in, 3), false);
            return product(a, shifted(a, Ops.optional(in, 2), true), b, bi, ctx);
        };
    }

    static SimpleOp qLinearMatMul(OpSpec spec) {
        return (in, ctx) -> {
            Tensor a = Ops.input(in, 0, "a");
            Tensor aScale = Ops.input(in, 1, "a_scale");
            Tensor b = Ops.input(in, 3, "b");
            Tensor bScale = Ops.input(in, 4, "b_scale");
            Tensor yScale = Ops.input(in, 6, "y_scale");
            Tensor yZp = Ops.input(in, 7, "y_zero_point");
            Tensor acc = product(a, shifted(a, Ops.input(in, 2, "a_zero_point"), true),
                    b, shifted(b, Ops.input(in, 5, "b_zero_point"), false), ctx);
            int n = b.rank() >= 2 ? b.shape().dim(-1) : 1;
            int m = a.rank() >= 2 ? a.shape().dim(-2) : 1;
            return requantize(acc, i -> {
                double as = aScale.size() == 1 ? aScale.getDouble(0) : aScale.getDouble((i / n) % m);
                double bs = bScale.size() == 1 ? bScale.getDouble(0) : bScale.getDouble(i % n);
                return as * bs / yScale.getDouble(0);
            }, yZp);
        };
    }

    /** {@code saturate(round(acc * multiplier(i)) + y_zero_point)} in the zero point's type. */
    static Tensor requantize(Tensor acc, java.util.function.IntToDoubleFunction multiplier, Tensor yZp) {
        DType t = yZp.dtype();
        long z = yZp.getLong(0);
        Tensor out = Tensor.zeros(t, acc.shape());
        int[] c = acc.ints();
        for (int i = 0; i < c.length; i++) {
            out.setLong(i, Quantize.saturate(Math.rint((float) (c[i] * multiplier.applyAsDouble(i))) + z, t));
        }
        return out;
    }
}
