package dev.edge4j.kernels;

/**
 * Unfolds 2-D convolution windows into columns so a convolution becomes one GEMM: row
 * {@code (c * kh + i) * kw + j} of the result holds, for every output pixel, the input value under
 * kernel tap (i, j) of channel c (zero in the padding).
 */
public final class Im2Col {
    private Im2Col() {}

    public static void im2col(float[] x, int xOff, int channels, int h, int w, int kh, int kw,
            int strideH, int strideW, int dilH, int dilW, int padTop, int padLeft, int outH, int outW,
            float[] col, int colOff) {
        int p = outH * outW;
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * h * w;
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = colOff + ((c * kh + i) * kw + j) * p;
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * strideH - padTop + i * dilH;
                        int dst = row + oy * outW;
                        if (iy < 0 || iy >= h) {
                            java.util.Arrays.fill(col, dst, dst + outW, 0f);
                            continue;
                        }
                        int src = plane + iy * w;
                        int ix0 = -padLeft + j * dilW;
                        if (strideW == 1 && ix0 >= 0 && ix0 + outW <= w) {
                            System.arraycopy(x, src + ix0, col, dst, outW);
                            continue;
                        }
                        for (int ox = 0; ox < outW; ox++) {
                            int ix = ox * strideW + ix0;
                            col[dst + ox] = ix >= 0 && ix < w ? x[src + ix] : 0f;
                        }
                    }
                }
            }
        }
    }
}
