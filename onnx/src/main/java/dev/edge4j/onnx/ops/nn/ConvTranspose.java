package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Gemm;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * ConvTranspose (the gradient of Conv) over any number of spatial dimensions: per group, a GEMM
 * of the transposed weights with the input gives every kernel tap's contribution, which is then
 * added into the output at its strided position (col2im).
 */
public final class ConvTranspose implements SimpleOp {
    private final int group;
    private final int[] attrKernel;
    private final int[] attrStrides;
    private final int[] attrDilations;
    private final int[] attrPads;
    private final int[] outputPadding;
    private final int[] outputShape;
    private final String autoPad;

    public ConvTranspose(OpSpec spec) {
        group = spec.attrs().getInt("group", 1);
        attrKernel = spec.attrs().getInts("kernel_shape", null);
        attrStrides = spec.attrs().getInts("strides", null);
        attrDilations = spec.attrs().getInts("dilations", null);
        attrPads = spec.attrs().getInts("pads", null);
        outputPadding = spec.attrs().getInts("output_padding", null);
        outputShape = spec.attrs().getInts("output_shape", null);
        autoPad = spec.attrs().getString("auto_pad", "NOTSET");
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        if (Ops.needsWidening(in)) {
            return Ops.narrow(compute(Ops.widen(in), ctx), in[0].dtype());
        }
        Tensor x = Ops.input(in, 0, "X");
        Tensor w = Ops.input(in, 1, "W");
        Tensor b = Ops.optional(in, 2);
        Ops.requireType(x, "ConvTranspose input", DType.FLOAT32);
        Ops.requireType(w, "ConvTranspose weights", DType.FLOAT32);
        Ops.requireMinRank(x, 3, "ConvTranspose input");
        int s = x.rank() - 2;
        int n = x.shape().dim(0);
        int c = x.shape().dim(1);
        if (w.rank() != x.rank() || w.shape().dim(0) != c || c % group != 0) {
            throw new InvalidInputException("ConvTranspose weights " + w.shape() + " do not fit input "
                    + x.shape() + " with group " + group);
        }
        int cg = c / group;
        int mg = w.shape().dim(1);
        int m = mg * group;
        int[] in2 = new int[s];
        int[] k = new int[s];
        for (int i = 0; i < s; i++) {
            in2[i] = x.shape().dim(i + 2);
            k[i] = attrKernel != null ? attrKernel[i] : w.shape().dim(i + 2);
        }
        int[] strides = attrStrides != null ? attrStrides : Geometry.ones(s);
        int[] dil = attrDilations != null ? attrDilations : Geometry.ones(s);
        int[] outPad = outputPadding != null ? outputPadding : new int[s];
        int[] begin = new int[s];
        int[] out = new int[s];
        for (int i = 0; i < s; i++) {
            int span = (k[i] - 1) * dil[i] + 1;
            int full = strides[i] * (in2[i] - 1) + outPad[i] + span;
            if (outputShape != null || autoPad.startsWith("SAME")) {
                int target = outputShape != null ? outputShape[outputShape.length - s + i] : in2[i] * strides[i];
                int total = Math.max(0, full - target);
                boolean upper = !autoPad.equals("SAME_LOWER");
                begin[i] = upper ? total / 2 : total - total / 2;
                out[i] = target;
            } else {
                int pb = attrPads == null ? 0 : attrPads[i];
                int pe = attrPads == null ? 0 : attrPads[i + s];
                begin[i] = pb;
                out[i] = full - pb - pe;
            }
            if (out[i] < 0) {
                throw new InvalidInputException("ConvTranspose output would be negative in size");
            }
        }
        int[] outDims = new int[s + 2];
        outDims[0] = n;
        outDims[1] = m;
        System.arraycopy(out, 0, outDims, 2, s);
        Tensor result = Tensor.zeros(DType.FLOAT32, Shape.of(outDims));
        float[] os = result.floats();
        float[] xs = x.floats();
        float[] ws = w.floats();
        int kSize = 1;
        for (int kk : k) {
            kSize *= kk;
        }
        int pIn = 1;
        for (int d : in2) {
            pIn *= d;
        }
        int pOut = 1;
        for (int d : out) {
            pOut *= d;
        }
        int rows = mg * kSize;
        float[] col = new float[rows * pIn];
        int[] kpos = new int[s];
        int[] ipos = new int[s];
        for (int img = 0; img < n; img++) {
            for (int gi = 0; gi < group; gi++) {
                // col[(oc, tap), pixel] = sum over input channels of W[ic, oc, tap] * X[ic, pixel]
                Gemm.sgemm(true, false, rows, pIn, cg, 1f, ws, gi * cg * rows, rows,
                        xs, (img * c + gi * cg) * pIn, pIn, 0f, col, 0, pIn, ctx.parallel());
                int oBase = (img * m + gi * mg) * pOut;
                for (int oc = 0; oc < mg; oc++) {
                    java.util.Arrays.fill(kpos, 0);
                    for (int t = 0; t < kSize; t++) {
                        int row = (oc * kSize + t) * pIn;
                        java.util.Arrays.fill(ipos, 0);
                        for (int q = 0; q < pIn; q++) {
                            int dst = 0;
                            boolean inside = true;
                            for (int d = 0; d < s; d++) {
                                int coord = ipos[d] * strides[d] + kpos[d] * dil[d] - begin[d];
                                if (coord < 0 || coord >= out[d]) {
                                    inside = false;
                                    break;
                                }
                                dst = dst * out[d] + coord;
                            }
                            if (inside) {
                                os[oBase + oc * pOut + dst] += col[row + q];
                            }
                            ConvNd.advance(ipos, in2);
                        }
                        ConvNd.advance(kpos, k);
                    }
                }
            }
        }
        if (b != null) {
            if (b.size() != m) {
                throw new InvalidInputException("ConvTranspose bias must hold " + m + " values");
            }
            float[] bs = b.floats();
            for (int img = 0; img < n; img++) {
                for (int oc = 0; oc < m; oc++) {
                    int base = (img * m + oc) * pOut;
                    for (int q = 0; q < pOut; q++) {
                        os[base + q] += bs[oc];
                    }
                }
            }
        }
        return result;
    }
}
