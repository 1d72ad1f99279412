package dev.edge4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.core.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The channel-blocked kernels against the plain references, through the layout conversions: full
 * convolutions from blocked, planar and channels-last inputs, depthwise convolutions and pools,
 * over random geometries and epilogues with awkward channel counts.
 */
@Tag("kernel")
class BlockedKernelsTest {
    private final Random rnd = new Random();

    private record Geo(int h, int w, int kh, int kw, int sh, int sw, int dh, int dw, int pt, int pl, int oh, int ow) {
        ConvGeometry conv(int c) {
            return new ConvGeometry(c, h, w, kh, kw, sh, sw, dh, dw, pt, pl, oh, ow);
        }

        BlockedConv.Window window() {
            return new BlockedConv.Window(sh, sw, dh, dw, pt, pl, oh, ow);
        }
    }

    private Geo geometry(boolean pointwise) {
        return geometry(pointwise, 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 30), 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 40));
    }

    private Geo geometry(boolean pointwise, int h, int w) {
        if (pointwise) {
            return new Geo(h, w, 1, 1, 1, 1, 1, 1, 0, 0, h, w);
        }
        int kh = 1 + rnd.nextInt(5);
        int kw = 1 + rnd.nextInt(5);
        int sh = 1 + rnd.nextInt(3);
        int sw = 1 + rnd.nextInt(3);
        int dh = 1 + rnd.nextInt(2);
        int dw = 1 + rnd.nextInt(2);
        int pt = rnd.nextInt(kh + 1);
        int pl = rnd.nextInt(kw + 1);
        int pb = rnd.nextInt(kh + 1);
        int pr = rnd.nextInt(kw + 1);
        int spanH = (kh - 1) * dh + 1;
        int spanW = (kw - 1) * dw + 1;
        if (h + pt + pb < spanH || w + pl + pr < spanW) {
            return geometry(true, h, w);
        }
        return new Geo(h, w, kh, kw, sh, sw, dh, dw, pt, pl, (h + pt + pb - spanH) / sh + 1,
                (w + pl + pr - spanW) / sw + 1);
    }

    @Test
    void fullConvolutionsFromEveryInputLayout() {
        for (int threads : new int[] {1, 2}) {
            try (Parallel pool = Parallel.of(threads)) {
                for (int round = 0; round < 90; round++) {
                    int c = 1 + rnd.nextInt(round % 3 == 0 ? 40 : 6);
                    int m = 1 + rnd.nextInt(round % 4 == 0 ? 50 : 20);
                    Geo geo = geometry(round % 4 == 1);
                    ConvGeometry g = geo.conv(c);
                    float[] x = KernelTesting.random(rnd, c * geo.h() * geo.w());
                    float[] filter = KernelTesting.random(rnd, m * c * geo.kh() * geo.kw());
                    Epilogue ep = KernelTesting.epilogue(rnd, round % 12, m);
                    float[] z = round % 2 == 0 ? KernelTesting.random(rnd, m * g.outSize()) : null;
                    float[] want = new float[m * g.outSize()];
                    ConvGemm.reference(x, 0, filter, 0, m, g, want, 0, ep, 0, z, 0);
                    Epilogue padded = new Epilogue(BlockedFilter.padded(ep.bias(), m), ep.act(),
                            BlockedFilter.padded(ep.slope(), m), ep.alpha(), ep.beta());
                    float[] zb = null;
                    if (z != null) {
                        zb = new float[Blocked.imageSize(m, g.outSize())];
                        Blocked.fromNchw(z, 1, m, g.outSize(), zb);
                    }
                    BlockedFilter f = BlockedFilter.pack(filter, 0, m, c, geo.kh(), geo.kw());
                    int layout = round % 3;
                    float[] in = x;
                    BlockedConv.Input input = BlockedConv.Input.planar(c, geo.h(), geo.w());
                    if (layout == 1) {
                        in = new float[Blocked.imageSize(c, geo.h() * geo.w())];
                        Blocked.fromNchw(x, 1, c, geo.h() * geo.w(), in);
                        input = BlockedConv.Input.blocked(c, geo.h(), geo.w());
                    } else if (layout == 2) {
                        in = new float[c * geo.h() * geo.w()];
                        float[] blocked = new float[Blocked.imageSize(c, geo.h() * geo.w())];
                        Blocked.fromNchw(x, 1, c, geo.h() * geo.w(), blocked);
                        Blocked.toNhwc(blocked, 1, c, geo.h() * geo.w(), in);
                        input = BlockedConv.Input.channelsLast(c, geo.h(), geo.w());
                    }
                    float[] out = new float[Blocked.imageSize(m, g.outSize())];
                    // A blocked input also runs on a zero-padded copy in a work array holding garbage.
                    float[] scratch = null;
                    if (layout == 1 && round % 4 != 0) {
                        scratch = new float[BlockedConv.scratchLength(f, input, geo.window())];
                        java.util.Arrays.fill(scratch, Float.NaN);
                    }
                    BlockedConv.run(f, in, 0, input, geo.window(), out, 0, padded, zb, 0, pool, scratch);
                    float[] got = new float[want.length];
                    Blocked.toNchw(out, 1, m, g.outSize(), got);
                    KernelTesting.assertClose(got, want, 0, want.length, 1e-4,
                            "conv c=" + c + " m=" + m + " layout " + layout + " " + geo + " " + ep.act()
                                    + (scratch == null ? "" : " padded copy"));
                }
            }
        }
    }

    /**
     * Windows three wide into one output block, the case with its own kernels (an input value
     * shared by the pixels whose windows hold it): at stride 1 on a padded copy, dilated or not, at
     * stride 2 from blocked and planar inputs; rows long enough for the twelve-pixel kernels, and
     * leftovers.
     */
    @Test
    void threeWideWindowsOfOneOutputBlock() {
        for (int threads : new int[] {1, 2}) {
            try (Parallel pool = Parallel.of(threads)) {
                for (int round = 0; round < 60; round++) {
                    int c = 1 + rnd.nextInt(round % 2 == 0 ? 40 : 9);
                    int m = 1 + rnd.nextInt(Blocked.B);
                    int h = 1 + rnd.nextInt(9);
                    int sw = 1 + round % 2;
                    int w = (sw == 2 ? 26 : 12) + rnd.nextInt(30);
                    int kh = 1 + rnd.nextInt(4);
                    int sh = 1 + rnd.nextInt(2);
                    int dh = 1 + rnd.nextInt(2);
                    int pt = rnd.nextInt(kh + 1);
                    int pb = rnd.nextInt(kh + 1);
                    int dw = sw == 2 ? 1 : 1 + rnd.nextInt(5);
                    int pl = rnd.nextInt(dw + 1);
                    int pr = rnd.nextInt(dw + 1);
                    int spanH = (kh - 1) * dh + 1;
                    if (h + pt + pb < spanH) {
                        pt = spanH;
                    }
                    Geo geo = new Geo(h, w, kh, 3, sh, sw, dh, dw, pt, pl, (h + pt + pb - spanH) / sh + 1,
                            (w + pl + pr - 2 * dw - 1) / sw + 1);
                    ConvGeometry g = geo.conv(c);
                    float[] x = KernelTesting.random(rnd, c * h * w);
                    float[] filter = KernelTesting.random(rnd, m * c * kh * 3);
                    Epilogue ep = KernelTesting.epilogue(rnd, round % 12, m);
                    float[] z = round % 3 == 0 ? KernelTesting.random(rnd, m * g.outSize()) : null;
                    float[] want = new float[m * g.outSize()];
                    ConvGemm.reference(x, 0, filter, 0, m, g, want, 0, ep, 0, z, 0);
                    Epilogue padded = new Epilogue(BlockedFilter.padded(ep.bias(), m), ep.act(),
                            BlockedFilter.padded(ep.slope(), m), ep.alpha(), ep.beta());
                    float[] zb = null;
                    if (z != null) {
                        zb = new float[Blocked.imageSize(m, g.outSize())];
                        Blocked.fromNchw(z, 1, m, g.outSize(), zb);
                    }
                    // Blocked inputs on a padded copy (in a work array holding garbage), planar ones as they are.
                    boolean blocked = round % 4 < 2;
                    float[] in = x;
                    BlockedConv.Input input = BlockedConv.Input.planar(c, h, w);
                    float[] scratch = null;
                    BlockedFilter f = BlockedFilter.pack(filter, 0, m, c, kh, 3);
                    if (blocked) {
                        in = new float[Blocked.imageSize(c, h * w)];
                        Blocked.fromNchw(x, 1, c, h * w, in);
                        input = BlockedConv.Input.blocked(c, h, w);
                        scratch = new float[BlockedConv.scratchLength(f, input, geo.window())];
                        java.util.Arrays.fill(scratch, Float.NaN);
                    }
                    float[] out = new float[Blocked.imageSize(m, g.outSize())];
                    BlockedConv.run(f, in, 0, input, geo.window(), out, 0, padded, zb, 0, pool, scratch);
                    float[] got = new float[want.length];
                    Blocked.toNchw(out, 1, m, g.outSize(), got);
                    KernelTesting.assertClose(got, want, 0, want.length, 1e-4,
                            "conv c=" + c + " m=" + m + " " + geo + " " + ep.act() + (blocked ? " blocked" : " planar"));
                }
            }
        }
    }

    /**
     * A convolution (pointwise, or any window from a planar or blocked input) into a depthwise one,
     * band by band, against the two references in turn.
     */
    @Test
    void convolutionThenDepthwiseMatchesTheReferences() {
        for (int threads : new int[] {1, 2}) {
            try (Parallel pool = Parallel.of(threads)) {
                for (int round = 0; round < 60; round++) {
                    int c = 1 + rnd.nextInt(round % 3 == 0 ? 40 : 9);
                    int mid = 1 + rnd.nextInt(round % 2 == 0 ? 40 : 20);
                    Geo first = geometry(round % 2 == 0);
                    int h = first.h();
                    int w = first.w();
                    int h1 = first.oh();
                    int w1 = first.ow();
                    float[] x = KernelTesting.random(rnd, c * h * w);
                    float[] firstFilter = KernelTesting.random(rnd, mid * c * first.kh() * first.kw());
                    Epilogue firstEp = KernelTesting.epilogue(rnd, round % 12, mid);
                    ConvGeometry g0 = first.conv(c);
                    float[] y = new float[mid * g0.outSize()];
                    ConvGemm.reference(x, 0, firstFilter, 0, mid, g0, y, 0, firstEp, 0, null, 0);
                    Geo geo = geometry(round % 10 == 0, h1, w1);
                    ConvGeometry g1 = geo.conv(1);
                    float[] dwFilter = KernelTesting.random(rnd, mid * g1.taps());
                    Epilogue dwEp = KernelTesting.epilogue(rnd, (round + 5) % 12, mid);
                    float[] want = new float[mid * g1.outSize()];
                    for (int ch = 0; ch < mid; ch++) {
                        ConvGemm.reference(y, ch * h1 * w1, dwFilter, ch * g1.taps(), 1, g1, want, ch * g1.outSize(),
                                dwEp, ch, null, 0);
                    }
                    boolean planar = round % 3 == 1;
                    float[] in = x;
                    BlockedConv.Input input = BlockedConv.Input.planar(c, h, w);
                    if (!planar) {
                        in = new float[Blocked.imageSize(c, h * w)];
                        Blocked.fromNchw(x, 1, c, h * w, in);
                        input = BlockedConv.Input.blocked(c, h, w);
                    }
                    // Bands from one row to the whole image.
                    int bandBytes = 4 * Blocked.blocks(mid) * w1 * Blocked.B * (1 + rnd.nextInt(2 * h1 + 2));
                    float[] scratch = new float[BlockedPair.scratchLength(w1, mid, geo.kh(), geo.window(), threads,
                            bandBytes)];
                    java.util.Arrays.fill(scratch, Float.NaN);
                    float[] out = new float[Blocked.imageSize(mid, g1.outSize())];
                    BlockedPair.run(BlockedFilter.pack(firstFilter, 0, mid, c, first.kh(), first.kw()), input,
                            first.window(), blockPadded(firstEp, mid),
                            BlockedFilter.pack(dwFilter, 0, mid, 1, geo.kh(), geo.kw()), geo.kh(), geo.kw(),
                            geo.window(), blockPadded(dwEp, mid), in, 0, out, 0, scratch, pool, bandBytes);
                    float[] got = new float[want.length];
                    Blocked.toNchw(out, 1, mid, g1.outSize(), got);
                    KernelTesting.assertClose(got, want, 0, want.length, 1e-4, "conv " + c + " -> " + mid + " " + first
                            + (planar ? " planar" : " blocked") + " then depthwise " + geo + " " + firstEp.act() + "/"
                            + dwEp.act() + " band " + bandBytes);
                }
            }
        }
    }

    private static Epilogue blockPadded(Epilogue ep, int channels) {
        return new Epilogue(BlockedFilter.padded(ep.bias(), channels), ep.act(), BlockedFilter.padded(ep.slope(), channels),
                ep.alpha(), ep.beta());
    }

    @Test
    void depthwiseAndPoolsMatchTheReferences() {
        for (int threads : new int[] {1, 2}) {
            try (Parallel pool = Parallel.of(threads)) {
                for (int round = 0; round < 120; round++) {
                    int c = 1 + rnd.nextInt(round % 3 == 0 ? 70 : 20);
                    Geo geo = geometry(round % 9 == 0);
                    ConvGeometry g1 = geo.conv(1);
                    ConvGeometry g = geo.conv(c);
                    int plane = geo.h() * geo.w();
                    float[] x = KernelTesting.random(rnd, c * plane);
                    float[] xb = new float[Blocked.imageSize(c, plane)];
                    Blocked.fromNchw(x, 1, c, plane, xb);
                    float[] want = new float[c * g.outSize()];
                    float[] out = new float[Blocked.imageSize(c, g.outSize())];
                    String what;
                    switch (round % 3) {
                        case 0 -> {
                            float[] filter = KernelTesting.random(rnd, c * g.taps());
                            Epilogue ep = KernelTesting.epilogue(rnd, round % 12, c);
                            for (int ch = 0; ch < c; ch++) {
                                ConvGemm.reference(x, ch * plane, filter, ch * g.taps(), 1, g1, want, ch * g.outSize(),
                                        ep, ch, null, 0);
                            }
                            Epilogue padded = new Epilogue(BlockedFilter.padded(ep.bias(), c), ep.act(),
                                    BlockedFilter.padded(ep.slope(), c), ep.alpha(), ep.beta());
                            BlockedDepthwise.run(BlockedDepthwise.Mode.CONV, xb, 0, c, geo.h(), geo.w(), geo.kh(),
                                    geo.kw(), geo.window(), BlockedFilter.pack(filter, 0, c, 1, geo.kh(), geo.kw()),
                                    null, null, out, 0, padded, null, 0, pool);
                            what = "depthwise " + ep.act();
                        }
                        case 1 -> {
                            Pool2d.reference(x, c, g, true, null, null, want);
                            BlockedDepthwise.run(BlockedDepthwise.Mode.MAX, xb, 0, c, geo.h(), geo.w(), geo.kh(),
                                    geo.kw(), geo.window(), null, null, null, out, 0, null, null, 0, pool);
                            what = "max pool";
                        }
                        default -> {
                            int[] rows = counts(geo.oh(), geo.h(), geo.kh(), geo.sh(), geo.dh(), geo.pt());
                            int[] cols = counts(geo.ow(), geo.w(), geo.kw(), geo.sw(), geo.dw(), geo.pl());
                            Pool2d.reference(x, c, g, false, rows, cols, want);
                            BlockedDepthwise.run(BlockedDepthwise.Mode.SUM, xb, 0, c, geo.h(), geo.w(), geo.kh(),
                                    geo.kw(), geo.window(), null, rows, cols, out, 0, null, null, 0, pool);
                            what = "average pool";
                        }
                    }
                    float[] got = new float[want.length];
                    Blocked.toNchw(out, 1, c, g.outSize(), got);
                    KernelTesting.assertClose(got, want, 0, want.length, 1e-5, what + " c=" + c + " " + geo);
                }
            }
        }
    }

    @Test
    void layoutConversionsRoundTrip() {
        for (int c : new int[] {1, 3, Blocked.B, Blocked.B + 5, 37}) {
            int pixels = 1 + rnd.nextInt(50);
            float[] x = KernelTesting.random(rnd, 2 * c * pixels);
            float[] b = new float[2 * Blocked.imageSize(c, pixels)];
            Blocked.fromNchw(x, 2, c, pixels, b);
            float[] back = new float[x.length];
            Blocked.toNchw(b, 2, c, pixels, back);
            assertThat(back).containsExactly(x);
            float[] nhwc = new float[x.length];
            Blocked.toNhwc(b, 2, c, pixels, nhwc);
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < pixels; p++) {
                    assertThat(nhwc[p * c + ch]).isEqualTo(x[ch * pixels + p]);
                }
            }
            float[] b2 = new float[b.length];
            Blocked.fromNhwc(nhwc, 2, c, pixels, b2);
            assertThat(b2).containsExactly(b);
        }
    }

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
