package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Depthwise2d;
import dev.edge4j.kernels.Gemm;
import dev.edge4j.kernels.Im2Col;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * Conv over any number of spatial dimensions, with groups, strides, dilations and padding. Each
 * group is one GEMM of the weights with the unfolded input (the input itself for a 1x1 kernel with
 * stride 1 and no padding); depthwise 2-D convolutions use their own direct kernel.
 */
public final class Conv implements SimpleOp {
    private final Geometry.Attrs attrs;
    private final int group;

    public Conv(OpSpec spec) {
        attrs = Geometry.Attrs.of(spec, null);
        group = spec.attrs().getInt("group", 1);
        if (group < 1) {
            throw Ops.badModel(spec, "group must be at least 1");
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
        if (b != null && b.size() != m) {
            throw new InvalidInputException("Conv bias " + b.shape() + " must hold " + m + " values");
        }
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
        Tensor out = ctx.alloc(DType.FLOAT32, Shape.of(outDims));
        float[] xs = x.floats();
        float[] ws = w.floats();
        float[] os = out.floats();
        float[] bias = b == null ? null : b.floats();
        int mg = m / group;
        int kSize = cg * g.kernelSize();
        int p = g.outSize();
        int inPlane = g.inSize();
        if (spatial == 2 && cg == 1 && mg == 1) {
            for (int img = 0; img < n; img++) {
                Depthwise2d.run(xs, img * c * inPlane, ws, bias, os, img * m * p, c, inDims[0], inDims[1],
                        g.kernel[0], g.kernel[1], g.strides[0], g.strides[1], g.dilations[0], g.dilations[1],
                        g.padBegin[0], g.padBegin[1], g.out[0], g.out[1], ctx.parallel());
            }
            return out;
        }
        boolean pointwise = isPointwise(g);
        float[] col = pointwise ? null : new float[kSize * p];
        for (int img = 0; img < n; img++) {
            for (int gi = 0; gi < group; gi++) {
                int xOff = (img * c + gi * cg) * inPlane;
                float[] bMat;
                int bOff;
                if (pointwise) {
                    bMat = xs;
                    bOff = xOff;
                } else {
                    unfold(xs, xOff, cg, g, col);
                    bMat = col;
                    bOff = 0;
                }
                int oOff = (img * m + gi * mg) * p;
                Gemm.sgemm(false, false, mg, p, kSize, 1f, ws, gi * mg * kSize, kSize, bMat, bOff, p,
                        0f, os, oOff, p, ctx.parallel());
                if (bias != null) {
                    for (int oc = 0; oc < mg; oc++) {
                        float bv = bias[gi * mg + oc];
                        int base = oOff + oc * p;
                        for (int q = 0; q < p; q++) {
                            os[base + q] += bv;
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean isPointwise(Geometry g) {
        for (int i = 0; i < g.kernel.length; i++) {
            if (g.kernel[i] != 1 || g.strides[i] != 1 || g.padBegin[i] != 0 || g.padEnd[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** im2col for any spatial rank: the 2-D kernel, or a generic odometer walk. */
    static void unfold(float[] x, int xOff, int channels, Geometry g, float[] col) {
        if (g.is2d()) {
            Im2Col.im2col(x, xOff, channels, g.in[0], g.in[1], g.kernel[0], g.kernel[1], g.strides[0],
                    g.strides[1], g.dilations[0], g.dilations[1], g.padBegin[0], g.padBegin[1], g.out[0], g.out[1],
                    col, 0);
            return;
        }
        int s = g.in.length;
        int p = g.outSize();
        int k = g.kernelSize();
        int inPlane = g.inSize();
        int[] kpos = new int[s];
        int[] opos = new int[s];
        for (int c = 0; c < channels; c++) {
            java.util.Arrays.fill(kpos, 0);
            for (int kk = 0; kk < k; kk++) {
                int row = (c * k + kk) * p;
                java.util.Arrays.fill(opos, 0);
                for (int q = 0; q < p; q++) {
                    int src = 0;
                    boolean inside = true;
                    for (int d = 0; d < s; d++) {
                        int coord = opos[d] * g.strides[d] - g.padBegin[d] + kpos[d] * g.dilations[d];
                        if (coord < 0 || coord >= g.in[d]) {
                            inside = false;
                            break;
                        }
                        src = src * g.in[d] + coord;
                    }
                    col[row + q] = inside ? x[xOff + c * inPlane + src] : 0f;
                    advance(opos, g.out);
                }
                advance(kpos, g.kernel);
            }
        }
    }

    static void advance(int[] pos, int[] dims) {
        for (int d = pos.length - 1; d >= 0; d--) {
            if (++pos[d] < dims[d]) {
                return;
            }
            pos[d] = 0;
        }
    }
}
