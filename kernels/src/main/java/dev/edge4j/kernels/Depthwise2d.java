package dev.edge4j.kernels;

import dev.edge4j.core.Parallel;

/**
 * Depthwise 2-D convolution (one filter per channel): the direct loop, parallel over channels.
 * {@code out[c][y][x] = bias[c] + sum_ij in[c][y*s - pad + i*d][x*s - pad + j*d] * w[c][i][j]}.
 */
public final class Depthwise2d {
    private Depthwise2d() {}

    public static void run(float[] x, int xOff, float[] w, float[] bias, float[] out, int outOff,
            int channels, int h, int wd, int kh, int kw, int strideH, int strideW, int dilH, int dilW,
            int padTop, int padLeft, int outH, int outW, Parallel pool) {
        pool.forRange(channels, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int plane = xOff + c * h * wd;
                int wo = c * kh * kw;
                int o = outOff + c * outH * outW;
                float b = bias == null ? 0f : bias[c];
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        float sum = b;
                        for (int i = 0; i < kh; i++) {
                            int iy = oy * strideH - padTop + i * dilH;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            int row = plane + iy * wd;
                            for (int j = 0; j < kw; j++) {
                                int ix = ox * strideW - padLeft + j * dilW;
                                if (ix >= 0 && ix < wd) {
                                    sum += x[row + ix] * w[wo + i * kw + j];
                                }
                            }
                        }
                        out[o + oy * outW + ox] = sum;
                    }
                }
            }
        });
    }
}
