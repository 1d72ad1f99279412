package dev.edge4j.kernels;

import dev.edge4j.core.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Vector max and average pooling against the plain loops, over random window geometries. */
@Tag("kernel")
class Pool2dTest {
    private final Random rnd = new Random();

    @Test
    void matchesTheReference() {
        for (int threads : new int[] {1, 2}) {
            try (Parallel pool = Parallel.of(threads)) {
                for (int round = 0; round < 150; round++) {
                    int c = 1 + rnd.nextInt(round % 3 == 0 ? 40 : 4);
                    int h = 1 + rnd.nextInt(30);
                    int w = 1 + rnd.nextInt(45);
                    int kh = 1 + rnd.nextInt(4);
                    int kw = 1 + rnd.nextInt(4);
                    int sh = 1 + rnd.nextInt(3);
                    int sw = 1 + rnd.nextInt(3);
                    int dh = 1 + rnd.nextInt(2);
                    int dw = 1 + rnd.nextInt(2);
                    int pt = rnd.nextInt(kh);
                    int pl = rnd.nextInt(kw);
                    int pb = rnd.nextInt(kh);
                    int pr = rnd.nextInt(kw);
                    int spanH = (kh - 1) * dh + 1;
                    int spanW = (kw - 1) * dw + 1;
                    if (h + pt + pb < spanH || w + pl + pr < spanW) {
                        continue;
                    }
                    int oh = (h + pt + pb - spanH) / sh + 1;
                    int ow = (w + pl + pr - spanW) / sw + 1;
                    ConvGeometry g = new ConvGeometry(c, h, w, kh, kw, sh, sw, dh, dw, pt, pl, oh, ow);
                    boolean max = round % 2 == 0;
                    int[] rows = counts(oh, h, kh, sh, dh, pt);
                    int[] cols = counts(ow, w, kw, sw, dw, pl);
                    float[] x = KernelTesting.random(rnd, c * h * w);
                    float[] want = new float[c * oh * ow];
                    Pool2d.reference(x, c, g, max, rows, cols, want);
                    float[] buf = new float[g.preparedLength(c)];
                    g.prepare(x, 0, c, buf, max ? Float.NEGATIVE_INFINITY : 0f);
                    float[] got = new float[want.length];
                    Pool2d.run(buf, c, g, max, max ? null : rows, max ? null : cols, got, 0, pool);
                    KernelTesting.assertClose(got, want, 0, want.length, max ? 0 : 1e-5,
                            (max ? "max" : "avg") + " c=" + c + " in " + h + "x" + w + " k " + kh + "x" + kw);
                }
            }
        }
    }

    /** Taps inside the input along one axis, as an average excluding padding counts them. */
    private static int[] counts(int out, int in, int k, int s, int d, int pad) {
        int[] c = new int[out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < k; i++) {
                int coord = o * s - pad + i * d;
                if (coord >= 0 && coord < in) {
                    c[o]++;
                }
            }
        }
        return c;
    }
}
