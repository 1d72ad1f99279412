package dev.edge4j.kernels;

import dev.edge4j.core.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The im2col-free convolution GEMM and the depthwise kernel against direct convolutions, over
 * random geometries of awkward sizes (1, odd, prime, larger than a vector), every padding, stride,
 * dilation and epilogue, with and without a residual.
 */
@Tag("kernel")
class ConvGemmTest {
    private final Random rnd = new Random();

    /** A random geometry; {@code pointwise} forces the direct 1x1 case. */
    private ConvGeometry geometry(int c, boolean pointwise) {
        int h = 1 + rnd.nextInt(rnd.nextBoolean() ? 9 : 40);
        int w = 1 + rnd.nextInt(rnd.nextBoolean() ? 9 : 70);
        if (pointwise) {
            return new ConvGeometry(c, h, w, 1, 1, 1, 1, 1, 1, 0, 0, h, w);
        }
        int kh = 1 + rnd.nextInt(5);
        int kw = 1 + rnd.nextInt(5);
        int sh = 1 + rnd.nextInt(4);
        int sw = 1 + rnd.nextInt(4);
        int dh = 1 + rnd.nextInt(2);
        int dw = 1 + rnd.nextInt(2);
        // Pads from -1 (cropping) to beyond the kernel (windows of padding only).
        int pt = rnd.nextInt(kh + 3) - 1;
        int pl = rnd.nextInt(kw + 3) - 1;
        int pb = rnd.nextInt(kh + 3) - 1;
        int pr = rnd.nextInt(kw + 3) - 1;
        int oh = (h + pt + pb - ((kh - 1) * dh + 1)) / sh + 1;
        int ow = (w + pl + pr - ((kw - 1) * dw + 1)) / sw + 1;
        if (oh < 1 || ow < 1 || h + pt + pb < (kh - 1) * dh + 1 || w + pl + pr < (kw - 1) * dw + 1) {
            return geometry(c, true);
        }
        return new ConvGeometry(c, h, w, kh, kw, sh, sw, dh, dw, pt, pl, oh, ow);
    }

    @Test
    void convGemmMatchesTheDirectConvolution() {
        for (int threads : new int[] {1, 2}) {
            try (Parallel pool = Parallel.of(threads)) {
                for (int round = 0; round < 120; round++) {
                    int c = 1 + rnd.nextInt(round % 4 == 0 ? 40 : 7);
                    int m = 1 + rnd.nextInt(round % 3 == 0 ? 37 : 9);
                    ConvGeometry g = geometry(c, round % 5 == 0);
                    float[] x = KernelTesting.random(rnd, c * g.inH * g.inW + 3);
                    float[] filter = KernelTesting.random(rnd, m * c * g.taps());
                    Epilogue ep = KernelTesting.epilogue(rnd, round % 12, m);
                    float[] z = round % 2 == 0 ? KernelTesting.random(rnd, m * g.outSize()) : null;
                    float[] want = new float[m * g.outSize()];
                    ConvGemm.reference(x, 3, filter, 0, m, g, want, 0, ep, 0, z, 0);
                    float[] src = x;
                    int srcOff = 3;
                    if (!g.direct()) {
                        src = new float[g.preparedLength(c)];
                        g.prepare(x, 3, c, src);
                        srcOff = 0;
                    }
                    float[] got = new float[want.length + 5];
                    ConvGemm.run(PackedRows.pack(filter, 0, m, c * g.taps()), src, srcOff, g.rowOffsets(c), g,
                            got, 5, ep, 0, z, 0, pool);
                    float[] shifted = new float[want.length + 5];
                    System.arraycopy(want, 0, shifted, 5, want.length);
                    KernelTesting.assertClose(got, shifted, 5, want.length, 1e-4,
                            "conv c=" + c + " m=" + m + " " + describe(g) + " " + ep.act());
                }
            }
        }
    }

    @Test
    void depthwiseMatchesTheDirectConvolution() {
        for (int threads : new int[] {1, 2}) {
            try (Parallel pool = Parallel.of(threads)) {
                for (int round = 0; round < 120; round++) {
                    int c = 1 + rnd.nextInt(round % 4 == 0 ? 70 : 5);
                    ConvGeometry g = geometry(1, round % 7 == 0);
                    ConvGeometry all = new ConvGeometry(c, g.inH, g.inW, g.kh, g.kw, g.strideH, g.strideW, g.dilH,
                            g.dilW, g.padTop, g.padLeft, g.outH, g.outW);
                    float[] x = KernelTesting.random(rnd, c * g.inH * g.inW);
                    float[] filter = KernelTesting.random(rnd, c * g.taps());
                    Epilogue ep = KernelTesting.epilogue(rnd, round % 12, c);
                    float[] z = round % 3 == 0 ? KernelTesting.random(rnd, c * g.outSize()) : null;
                    float[] want = new float[c * g.outSize()];
                    for (int ch = 0; ch < c; ch++) {
                        ConvGemm.reference(x, ch * g.inH * g.inW, filter, ch * g.taps(), 1, g, want, ch * g.outSize(),
                                ep, ch, z, ch * g.outSize());
                    }
                    float[] src = new float[all.preparedLength(c)];
                    all.prepare(x, 0, c, src);
                    float[] got = new float[want.length];
                    DepthwiseConv.run(src, c, all, filter, got, 0, ep, z, 0, pool);
                    KernelTesting.assertClose(got, want, 0, want.length, 1e-5,
                            "depthwise c=" + c + " " + describe(all) + " " + ep.act());
                }
            }
        }
    }

    private static String describe(ConvGeometry g) {
        return String.format("in %dx%d k %dx%d s %dx%d d %dx%d pad %d,%d out %dx%d", g.inH, g.inW, g.kh, g.kw,
                g.strideH, g.strideW, g.dilH, g.dilW, g.padTop, g.padLeft, g.outH, g.outW);
    }
}
