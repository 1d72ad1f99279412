package dev.edge4j.onnx.ops.quant;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Activation;
import dev.edge4j.kernels.Epilogue;
import dev.edge4j.kernels.PackedColumns;
import dev.edge4j.kernels.PackedGemm;
import dev.edge4j.kernels.Quantizer;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Fused;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * The engine's QuantMatMul: a dynamically quantized dense layer, what DynamicQuantizeLinear,
 * MatMulInteger, Cast and the scale Mul compute together. Inputs: X (float), its scale and
 * zero point from DynamicQuantizeLinear, the constant quantized weights B [K, N] with their scale
 * and zero point (one, or one per column), then bias, residual Z and PRelu's slope as in
 * FusedMatMul. X is quantized to uint8 exactly as DynamicQuantizeLinear does and brought back
 * to float; the weights likewise, once, at load; the product then runs on the float GEMM.
 */
public final class QuantMatMul implements SimpleOp {
    private final PackedColumns weights;
    private final int k;
    private final int n;
    private final Activation act;
    private final float alpha;
    private final float beta;

    public QuantMatMul(OpSpec spec) {
        Tensor b = spec.constantInput(3);
        Tensor scale = spec.constantInput(4);
        Tensor zp = spec.hasInput(5) ? spec.constantInput(5) : null;
        if (b == null || scale == null || spec.hasInput(5) && zp == null || b.rank() != 2
                || (b.dtype() != DType.INT8 && b.dtype() != DType.UINT8)) {
            throw Ops.badModel(spec, "QuantMatMul needs constant 8-bit 2-D weights with their scale and zero point");
        }
        k = b.shape().dim(0);
        n = b.shape().dim(1);
        if ((scale.size() != 1 && scale.size() != n) || (zp != null && zp.size() != 1 && zp.size() != n)) {
            throw Ops.badModel(spec, "QuantMatMul weight scale and zero point must hold 1 or " + n + " values");
        }
        float[] w = new float[k * n];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < n; c++) {
                double q = b.getDouble(r * n + c) - (zp == null ? 0 : zp.getDouble(zp.size() == 1 ? 0 : c));
                w[r * n + c] = (float) (q * scale.getDouble(scale.size() == 1 ? 0 : c));
            }
        }
        weights = PackedColumns.pack(w, 0, n, k, n, false);
        act = Fused.activation(spec);
        alpha = Fused.alpha(spec, act);
        beta = Fused.beta(spec, act);
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        Tensor xScale = Ops.input(in, 1, "X scale");
        Tensor xZero = Ops.input(in, 2, "X zero point");
        Tensor bias = Ops.optional(in, 6);
        Tensor z = Ops.optional(in, 7);
        Tensor slope = Ops.optional(in, 8);
        Ops.requireType(x, "QuantMatMul input", DType.FLOAT32);
        Ops.requireMinRank(x, 1, "QuantMatMul input");
        if (x.shape().dim(x.rank() - 1) != k) {
            throw new InvalidInputException("QuantMatMul input " + x.shape() + " does not fit weights of " + k + " rows");
        }
        float s = (float) Ops.scalarDouble(xScale, "X scale");
        int zp = (int) Ops.scalarLong(xZero, "X zero point");
        int[] dims = x.dims();
        if (x.rank() == 1) {
            dims = new int[] {n};
        } else {
            dims[dims.length - 1] = n;
        }
        Shape shape = Shape.of(dims);
        if (z != null && !z.shape().equals(shape)) {
            throw new InvalidInputException("QuantMatMul residual " + z.shape() + " must have the output's shape " + shape);
        }
        Epilogue ep = Fused.epilogue(act, alpha, beta, bias, slope, n);
        int rows = x.size() / Math.max(1, k);
        Tensor out = ctx.alloc(DType.FLOAT32, shape);
        float[] a = ctx.scratch(Math.max(1, x.size()));
        float[] xs = x.floats();
        ctx.parallel().forRange(x.size(), 1 << 15, (i0, i1) -> Quantizer.roundTripU8(xs, i0, s, zp, a, i0, i1 - i0));
        PackedGemm.run(rows, a, 0, k, weights, out.floats(), 0, n, ep, z == null ? null : z.floats(), 0, n,
                ctx.parallel());
        ctx.recycle(a);
        return out;
    }
}
