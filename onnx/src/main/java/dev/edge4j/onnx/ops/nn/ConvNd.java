package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.Parallel;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Epilogue;
import dev.edge4j.kernels.Gemm;

/**
 * Convolution over three or more spatial dimensions: each group one GEMM of the weights with the
 * unfolded input (a generic im2col walk), the epilogue applied afterwards.
 */
final class ConvNd {
    private ConvNd() {}

    static void run(Tensor x, Tensor w, Geometry g, int group, Tensor out, Parallel pool) {
        int n = x.shape().dim(0);
        int c = x.shape().dim(1);
        int m = w.shape().dim(0);
        int cg = c / group;
        int mg = m / group;
        int kSize = cg * g.kernelSize();
        int p = g.outSize();
        int inPlane = g.inSize();
        float[] xs = x.floats();
        float[] ws = w.floats();
        float[] os = out.floats();
        float[] col = new float[kSize * p];
        for (int img = 0; img < n; img++) {
            for (int gi = 0; gi < group; gi++) {
                unfold(xs, (img * c + gi * cg) * inPlane, cg, g, col);
                Gemm.sgemm(false, false, mg, p, kSize, 1f, ws, gi * mg * kSize, kSize, col, 0, p,
                        0f, os, (img * m + gi * mg) * p, p, pool);
            }
        }
    }

    /** Bias, residual and activation on a computed output [N, M, spatial...]. */
    static void applyEpilogue(Tensor out, int m, Epilogue ep, Tensor z) {
        if (ep.isIdentity() && z == null) {
            return;
        }
        float[] o = out.floats();
        float[] zs = z == null ? null : z.floats();
        int plane = out.size() / out.shape().dim(0) / m;
        for (int i = 0; i < o.length; i++) {
            int ch = (i / plane) % m;
            o[i] = ep.apply(o[i], ch, zs == null ? 0f : zs[i]);
        }
    }

    /** im2col for any spatial rank by an odometer walk over kernel taps and output positions. */
    static void unfold(float[] x, int xOff, int channels, Geometry g, float[] col) {
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
