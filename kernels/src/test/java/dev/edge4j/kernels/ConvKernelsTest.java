package dev.edge4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.core.Parallel;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** im2col + GEMM and the depthwise kernel against a direct convolution written out in full. */
@Tag("kernel")
class ConvKernelsTest {
    private final Random rnd = new Random();

    /** out[m][y][x] = sum over c, i, j of in[c][y*s - p + i*d][x*s - p + j*d] * w[m][c][i][j]. */
    static float[] direct(float[] in, int c, int h, int w, float[] wt, int m, int k, int s, int p, int d, int oh, int ow) {
        float[] out = new float[m * oh * ow];
        for (int o = 0; o < m; o++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    double sum = 0;
                    for (int ch = 0; ch < c; ch++) {
                        for (int i = 0; i < k; i++) {
                            for (int j = 0; j < k; j++) {
                                int iy = y * s - p + i * d;
                                int ix = x * s - p + j * d;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    sum += in[(ch * h + iy) * w + ix] * wt[((o * c + ch) * k + i) * k + j];
                                }
                            }
                        }
                    }
                    out[(o * oh + y) * ow + x] = (float) sum;
                }
            }
        }
        return out;
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextFloat() * 2 - 1;
        }
        return a;
    }

    @Test
    void im2colThenGemmIsAConvolution() {
        int[][] cases = {{1, 1, 1, 1, 1, 1, 0, 1}, {3, 7, 5, 4, 3, 1, 1, 1}, {5, 13, 11, 7, 3, 2, 1, 1},
            {2, 17, 19, 3, 5, 1, 2, 2}, {8, 31, 29, 16, 3, 2, 0, 1}};
        try (Parallel pool = Parallel.of(2)) {
            for (int[] t : cases) {
                int c = t[0];
                int h = t[1];
                int w = t[2];
                int m = t[3];
                int k = t[4];
                int s = t[5];
                int p = t[6];
                int d = t[7];
                int span = (k - 1) * d + 1;
                int oh = (h + 2 * p - span) / s + 1;
                int ow = (w + 2 * p - span) / s + 1;
                float[] in = random(c * h * w);
                float[] wt = random(m * c * k * k);
                float[] col = new float[c * k * k * oh * ow];
                Im2Col.im2col(in, 0, c, h, w, k, k, s, s, d, d, p, p, oh, ow, col, 0);
                float[] out = new float[m * oh * ow];
                Gemm.sgemm(false, false, m, oh * ow, c * k * k, 1f, wt, 0, c * k * k, col, 0, oh * ow, 0f, out, 0, oh * ow, pool);
                float[] want = direct(in, c, h, w, wt, m, k, s, p, d, oh, ow);
                for (int i = 0; i < want.length; i++) {
                    assertThat(out[i]).as("case %s element %d", java.util.Arrays.toString(t), i)
                            .isCloseTo(want[i], Offset.offset(1e-4f));
                }
            }
        }
    }

    @Test
    void depthwiseMatchesAPerChannelConvolution() {
        int[][] cases = {{1, 1, 1, 1, 1, 0, 1}, {3, 9, 7, 3, 1, 1, 1}, {17, 23, 13, 3, 2, 1, 1}, {4, 12, 12, 5, 1, 2, 2}};
        try (Parallel pool = Parallel.of(2)) {
            for (int[] t : cases) {
                int c = t[0];
                int h = t[1];
                int w = t[2];
                int k = t[3];
                int s = t[4];
                int p = t[5];
                int d = t[6];
                int span = (k - 1) * d + 1;
                int oh = (h + 2 * p - span) / s + 1;
                int ow = (w + 2 * p - span) / s + 1;
                float[] in = random(c * h * w);
                float[] wt = random(c * k * k);
                float[] bias = random(c);
                float[] out = new float[c * oh * ow];
                Depthwise2d.run(in, 0, wt, bias, out, 0, c, h, w, k, k, s, s, d, d, p, p, oh, ow, pool);
                for (int ch = 0; ch < c; ch++) {
                    float[] plane = java.util.Arrays.copyOfRange(in, ch * h * w, (ch + 1) * h * w);
                    float[] kern = java.util.Arrays.copyOfRange(wt, ch * k * k, (ch + 1) * k * k);
                    float[] want = direct(plane, 1, h, w, kern, 1, k, s, p, d, oh, ow);
                    for (int i = 0; i < want.length; i++) {
                        assertThat(out[ch * oh * ow + i]).isCloseTo(want[i] + bias[ch], Offset.offset(1e-4f));
                    }
                }
            }
        }
    }

    @Test
    void integerGemmIsExact() {
        try (Parallel pool = Parallel.of(2)) {
            for (int[] s : new int[][] {{1, 1, 1}, {3, 5, 7}, {17, 129, 31}, {64, 384, 384}}) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                int[] a = new int[m * k];
                int[] b = new int[k * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = rnd.nextInt(256) - 128;
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = rnd.nextInt(256) - 128;
                }
                int[] got = new int[m * n];
                int[] want = new int[m * n];
                GemmInt.gemm(m, n, k, a, 0, b, 0, got, 0, pool);
                GemmInt.reference(m, n, k, a, 0, b, 0, want, 0);
                assertThat(got).containsExactly(want);
            }
        }
    }
}
