package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Activation;
import dev.edge4j.kernels.ConvGemm;
import dev.edge4j.kernels.ConvGeometry;
import dev.edge4j.kernels.DepthwiseConv;
import dev.edge4j.kernels.Epilogue;
import dev.edge4j.kernels.PackedRows;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Fused;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * Conv, and the engine's FusedConv: {@code Y = act(conv(X, W) + B + Z)} with an optional residual
 * Z (input 3) and PRelu slope (input 4). 1-D and 2-D convolutions run on the im2col-free
 * {@link ConvGemm} (depthwise ones on {@link DepthwiseConv}) with the bias, residual and activation
 * applied as results are stored; constant filters are packed once, here. Other ranks take the
 * general path, {@link ConvNd}.
 */
public final class Conv implements SimpleOp {
    private final Geometry.Attrs attrs;
    private final int group;
    private final Activation act;
    private final float alpha;
    private final float beta;
    /** Per group, the filter packed for the GEMM when it is a constant; null otherwise. */
    private final PackedRows[] packed;
    private final Tensor packedFrom;

    public Conv(OpSpec spec) {
        attrs = Geometry.Attrs.of(spec, null);
        group = spec.attrs().getInt("group", 1);
        if (group < 1) {
            throw Ops.badModel(spec, "group must be at least 1");
        }
        act = Fused.activation(spec);
        alpha = Fused.alpha(spec, act);
        beta = Fused.beta(spec, act);
        Tensor w = spec.constantInput(1);
        if (w != null && w.dtype() == DType.FLOAT32 && w.rank() >= 3 && w.rank() <= 4
                && w.shape().dim(0) % group == 0 && !(w.shape().dim(1) == 1 && w.shape().dim(0) == group)) {
            int mg = w.shape().dim(0) / group;
            int k = w.size() / w.shape().dim(0);
            packed = new PackedRows[group];
            for (int gi = 0; gi < group; gi++) {
                packed[gi] = PackedRows.pack(w.floats(), gi * mg * k, mg, k);
            }
            packedFrom = w;
        } else {
            packed = null;
            packedFrom = null;
        }
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        if (Ops.needsWidening(in)) {
            return Ops.narrow(compute(Ops.widen(in), ctx), in[0].dtype());
        }
        Tensor x = Ops.input(in, 0, "X");
        Tensor w = Ops.input(in, 1, "W");
        Tensor b = Ops.optional(in, 2);
        Tensor z = Ops.optional(in, 3);
        Tensor slope = Ops.optional(in, 4);
        Ops.requireType(x, "Conv input", DType.FLOAT32);
        Ops.requireType(w, "Conv weights", DType.FLOAT32);
        Ops.requireMinRank(x, 3, "Conv input");
        if (w.rank() != x.rank()) {
            throw new InvalidInputException("Conv weights " + w.shape() + " must have the rank of the input " + x.shape());
        }
        int n = x.shape().dim(0);
        int c = x.shape().dim(1);
        int m = w.shape().dim(0);
        int cg = c / group;
        if (c % group != 0 || m % group != 0 || w.shape().dim(1) != cg) {
            throw new InvalidInputException("Conv input " + x.shape() + " and weights " + w.shape()
                    + " do not fit group " + group);
        }
        Epilogue ep = Fused.epilogue(act, alpha, beta, b, slope, m);
        int spatial = x.rank() - 2;
        int[] inDims = new int[spatial];
        int[] kDims = new int[spatial];
        for (int i = 0; i < spatial; i++) {
            inDims[i] = x.shape().dim(i + 2);
            kDims[i] = w.shape().dim(i + 2);
        }
        Geometry g = Geometry.of(attrs, inDims, kDims);
        for (int i = 0; i < spatial; i++) {
            if (g.kernel[i] != kDims[i]) {
                throw new InvalidInputException("Conv kernel_shape " + java.util.Arrays.toString(g.kernel)
                        + " disagrees with weights " + w.shape());
            }
        }
        int[] outDims = new int[x.rank()];
        outDims[0] = n;
        outDims[1] = m;
        System.arraycopy(g.out, 0, outDims, 2, spatial);
        Shape outShape = Shape.of(outDims);
        if (z != null) {
            Ops.requireType(z, "Conv residual", DType.FLOAT32);
            if (!z.shape().equals(outShape)) {
                throw new InvalidInputException("Conv residual " + z.shape() + " must have the output's shape " + outShape);
            }
        }
        Tensor out = ctx.alloc(DType.FLOAT32, outShape);
        if (out.size() == 0) {
            return out;
        }
        if (spatial > 2) {
            ConvNd.run(x, w, g, group, out, ctx.parallel());
            ConvNd.applyEpilogue(out, m, ep, z);
            return out;
        }
        ConvGeometry cgeo;
        try {
            cgeo = spatial == 2
                    ? new ConvGeometry(cg, inDims[0], inDims[1], kDims[0], kDims[1], g.strides[0], g.strides[1],
                            g.dilations[0], g.dilations[1], g.padBegin[0], g.padBegin[1], g.out[0], g.out[1])
                    : new ConvGeometry(cg, 1, inDims[0], 1, kDims[0], 1, g.strides[0], 1, g.dilations[0], 0,
                            g.padBegin[0], 1, g.out[0]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Conv on " + x.shape() + ": " + e.getMessage());
        }
        float[] xs = x.floats();
        float[] os = out.floats();
        float[] zs = z == null ? null : z.floats();
        int inPlane = cgeo.inH * cgeo.inW;
        int p = cgeo.outSize();
        Parallel pool = ctx.parallel();
        int mg = m / group;
        if (cg == 1 && mg == 1) {
            ConvGeometry all;
            try {
                all = new ConvGeometry(c, cgeo.inH, cgeo.inW, cgeo.kh, cgeo.kw, cgeo.strideH, cgeo.strideW,
                        cgeo.dilH, cgeo.dilW, cgeo.padTop, cgeo.padLeft, cgeo.outH, cgeo.outW);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("Conv on " + x.shape() + ": " + e.getMessage());
            }
            float[] buf = ctx.scratch(all.preparedLength(c));
            for (int img = 0; img < n; img++) {
                all.prepare(xs, img * c * inPlane, c, buf);
                DepthwiseConv.run(buf, c, all, w.floats(), os, img * m * p, ep, zs, img * m * p, pool);
            }
            ctx.recycle(buf);
            return out;
        }
        PackedRows[] filters = packed != null && w == packedFrom ? packed : pack(w, mg);
        int[] rowOff = cgeo.rowOffsets(cg);
        float[] buf = cgeo.direct() ? null : ctx.scratch(cgeo.preparedLength(cg));
        for (int img = 0; img < n; img++) {
            for (int gi = 0; gi < group; gi++) {
                int xOff = (img * c + gi * cg) * inPlane;
                int oOff = (img * m + gi * mg) * p;
                float[] src = xs;
                int srcOff = xOff;
                if (buf != null) {
                    cgeo.prepare(xs, xOff, cg, buf);
                    src = buf;
                    srcOff = 0;
                }
                ConvGemm.run(filters[gi], src, srcOff, rowOff, cgeo, os, oOff, ep, gi * mg, zs, oOff, pool);
            }
        }
        if (buf != null) {
            ctx.recycle(buf);
        }
        return out;
    }

    private PackedRows[] pack(Tensor w, int mg) {
        PackedRows[] f = new PackedRows[group];
        int k = w.size() / w.shape().dim(0);
        for (int gi = 0; gi < group; gi++) {
            f[gi] = PackedRows.pack(w.floats(), gi * mg * k, mg, k);
        }
        return f;
    }
}
