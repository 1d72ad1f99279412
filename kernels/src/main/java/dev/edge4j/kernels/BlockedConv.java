package dev.edge4j.kernels;

import dev.edge4j.core.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct 2-D convolution into the channel-blocked layout ({@link Blocked}). The input may be
 * blocked, planar (NCHW, as a network's first layer sees its image) or channels-last (NHWC): the
 * kernel only needs, per input channel, where pixel (0, 0) is ({@code icOff}) and how far apart
 * neighbouring pixels are ({@code pixStride}).
 *
 * <p>The micro-kernel holds two output blocks by six output pixels of a row (twelve vectors) and
 * runs over taps and input channels: per step six broadcasts of input values, two weight vectors
 * and twelve multiply-adds. Taps that fall in the padding are left out of the sum (a row near the
 * top or bottom drops kernel rows; a pixel near the left or right edge its kernel columns), so
 * the input is never copied. Bias, residual and activation are applied to each stored run.
 * {@link ConvGemm#reference} (through the layout conversions) is the definition it must match.
 */
public final class BlockedConv {
    private static final VectorSpecies<Float> S = Vectors.S;
    private static final int B = Blocked.B;
    private static final int PX = 6;
    /** Pixels of a pointwise convolution that every pair of output blocks runs over in turn. */
    private static final int CHUNK = 8 * PX;

    private BlockedConv() {}

    /** Where the input's channels and pixels are. */
    public record Input(int[] icOff, int pixStride, int height, int width) {
        /** How many consecutive input channels lie in consecutive lanes: a block, or 1. */
        int run() {
            return pixStride == B && icOff.length > 1 && icOff[1] == icOff[0] + 1 ? B : pixStride == icOff.length ? icOff.length : 1;
        }

        /** A blocked input of {@code c} channels. */
        public static Input blocked(int c, int h, int w) {
            int[] off = new int[c];
            for (int ic = 0; ic < c; ic++) {
                off[ic] = (ic / B) * h * w * B + ic % B;
            }
            return new Input(off, B, h, w);
        }

        /** A planar (NCHW) input of {@code c} channels. */
        public static Input planar(int c, int h, int w) {
            int[] off = new int[c];
            for (int ic = 0; ic < c; ic++) {
                off[ic] = ic * h * w;
            }
            return new Input(off, 1, h, w);
        }

        /** A channels-last (NHWC) input of {@code c} channels. */
        public static Input channelsLast(int c, int h, int w) {
            int[] off = new int[c];
            for (int ic = 0; ic < c; ic++) {
                off[ic] = ic;
            }
            return new Input(off, c, h, w);
        }
    }

    /** Strides, dilations, leading pads and output size. */
    public record Window(int strideH, int strideW, int dilH, int dilW, int padTop, int padLeft, int outH, int outW) {}

    /**
     * One image: {@code x} from {@code xOff} laid out as {@code in} says, the output blocked from
     * {@code outOff}; the epilogue's bias and slope must be padded to whole blocks, and z (blocked,
     * the output's shape) may be null.
     */
    public static void run(BlockedFilter f, float[] x, int xOff, Input in, Window win, float[] out, int outOff,
            Epilogue ep, float[] z, int zOff, Parallel pool) {
        run(f, x, xOff, in, win, out, outOff, ep, z, zOff, pool, null);
    }

    /** Largest zero-padded input copy (floats) worth making: it should stay in the L2 cache. */
    private static final int MAX_PADDED = 1 << 18;

    /**
     * The length of the work array {@link #run(BlockedFilter, float[], int, Input, Window, float[], int, Epilogue,
     * float[], int, Parallel, float[]) run} wants for a zero-padded copy of the input, or 0 when it
     * runs as well without one. A small blocked input with padding pays for the copy: on a 30x40
     * image a 3x3 window dilated by 5 has a third of its pixels at an edge, where a pixel runs on
     * its own; on the copy every pixel is inside, and a row's last few pixels can be computed with
     * the wide kernels, reading past the row into the copy's slack.
     */
    public static int scratchLength(BlockedFilter f, Input in, Window win) {
        boolean padded = win.padTop() > 0 || win.padLeft() > 0 || paddedHeight(f, in, win) > in.height()
                || paddedWidth(f, in, win) > in.width();
        if (!padded || in.run() != B || in.pixStride() != B || f.kh * f.kw == 1) {
            return 0;
        }
        long len = (long) Blocked.blocks(f.inChannels) * paddedHeight(f, in, win) * paddedWidth(f, in, win) * B
                + slack(win);
        return len > MAX_PADDED ? 0 : (int) len;
    }

    private static int paddedHeight(BlockedFilter f, Input in, Window win) {
        return Math.max(win.padTop() + in.height(), (win.outH() - 1) * win.strideH() + (f.kh - 1) * win.dilH() + 1);
    }

    private static int paddedWidth(BlockedFilter f, Input in, Window win) {
        return Math.max(win.padLeft() + in.width(), (win.outW() - 1) * win.strideW() + (f.kw - 1) * win.dilW() + 1);
    }

    /** Floats past the padded image that a row's last group of pixels may read. */
    private static int slack(Window win) {
        return (2 * PX * Math.max(win.strideW(), win.dilW()) + 1) * B;
    }

    /**
     * {@link #run(BlockedFilter, float[], int, Input, Window, float[], int, Epilogue, float[], int, Parallel) run}
     * with a work array of at least {@link #scratchLength} floats (or null) for a zero-padded copy
     * of the input.
     */
    public static void run(BlockedFilter f, float[] x, int xOff, Input in, Window win, float[] out, int outOff,
            Epilogue ep, float[] z, int zOff, Parallel pool, float[] scratch) {
        int need = scratchLength(f, in, win);
        if (need == 0 || scratch == null || scratch.length < need) {
            run(f, x, xOff, in, win, out, outOff, ep, z, zOff, pool, false);
            return;
        }
        int ph = paddedHeight(f, in, win);
        int pw = paddedWidth(f, in, win);
        Blocked.pad(x, xOff, f.inChannels, in.height(), in.width(), win.padTop(), win.padLeft(), ph, pw, scratch);
        java.util.Arrays.fill(scratch, need - slack(win), need, 0f);
        Window inside = new Window(win.strideH(), win.strideW(), win.dilH(), win.dilW(), 0, 0, win.outH(), win.outW());
        run(f, scratch, 0, Input.blocked(f.inChannels, ph, pw), inside, out, outOff, ep, z, zOff, pool, true);
    }

    /**
     * The convolution; with {@code slack} the input may be read past each row's end by up to
     * {@link #slack} floats (a padded copy), so a row's last pixels run through the wide kernels.
     */
    private static void run(BlockedFilter f, float[] x, int xOff, Input in, Window win, float[] out, int outOff,
            Epilogue ep, float[] z, int zOff, Parallel pool, boolean slack) {
        int mb = Blocked.blocks(f.outChannels);
        int pairs = (mb + 1) / 2;
        int outH = win.outH();
        int outW = win.outW();
        boolean pointwise = f.kh == 1 && f.kw == 1 && win.strideH() == 1 && win.strideW() == 1
                && win.padTop() == 0 && win.padLeft() == 0 && outH == in.height() && outW == in.width();
        // A pointwise convolution is one long row of pixels.
        int rows = pointwise ? 1 : outH;
        int rowLen = pointwise ? outH * outW : outW;
        long work = (long) mb * B * outH * outW * f.inChannels * f.taps();
        int want = pool.threads() == 1 ? 1 : (int) Math.max(1, Math.min(pool.threads() * 4L, work / (1 << 15)));
        int rowGroups = pointwise ? 1 : Math.max(1, Math.min(rows, want / Math.min(pairs, want)));
        int segs = pointwise ? Math.max(1, Math.min((rowLen + PX - 1) / PX, want / Math.min(pairs, want))) : 1;
        int pairGroups = Math.max(1, Math.min(pairs, want / Math.max(rowGroups, segs)));
        int pairsPer = (pairs + pairGroups - 1) / pairGroups;
        int rowsPer = (rows + rowGroups - 1) / rowGroups;
        int segLen = ((rowLen + segs - 1) / segs + PX - 1) / PX * PX;
        int pg = (pairs + pairsPer - 1) / pairsPer;
        int rg = pointwise ? (rowLen + segLen - 1) / segLen : (rows + rowsPer - 1) / rowsPer;
        pool.forEach(pg * rg, task -> {
            int p0 = (task / rg) * pairsPer;
            int p1 = Math.min(pairs, p0 + pairsPer);
            int r = task % rg;
            int[] tapX = new int[f.taps()];
            int[] tapW = new int[f.taps()];
            // A planar input, or one of a few channels (an image), walks (tap, channel) pairs as one
            // flat list: one loop, not two nested short ones.
            boolean flatList = in.run() == 1 || f.inChannels <= 4;
            int[] flatX = flatList ? new int[f.taps() * f.inChannels] : null;
            int[] flatW = flatList ? new int[f.taps() * f.inChannels] : null;
            // Every pair of output blocks over a chunk of pixels before the next chunk: the chunk's
            // input stays in L1 while each pair reads it.
            if (pointwise) {
                int from = r * segLen;
                int to = Math.min(rowLen, from + segLen);
                tapX[0] = 0;
                tapW[0] = 0;
                for (int c0 = from; c0 < to; c0 += CHUNK) {
                    int c1 = Math.min(to, c0 + CHUNK);
                    for (int pair = p0; pair < p1; pair++) {
                        span(f, x, xOff, in, 1, 0, c0, c1, 1, tapX, tapW, flatX, flatW, pair, mb, out, outOff, rowLen, ep, z, zOff,
                                false, null);
                    }
                }
                return;
            }
            int y0 = r * rowsPer;
            int y1 = Math.min(rows, y0 + rowsPer);
            float[] tail = slack ? new float[2 * PX * B] : null;
            for (int oy = y0; oy < y1; oy++) {
                for (int pair = p0; pair < p1; pair++) {
                    row(f, x, xOff, in, win, oy, pair, mb, tapX, tapW, flatX, flatW, out, outOff, ep, z, zOff, tail,
                            outH * outW);
                }
            }
        });
    }

    /**
     * Output rows {@code [oy0, oy1)}, every output block, on the calling thread: pixel p (row-major)
     * of output block ob goes to {@code out[outOff + (ob * outPlane + p) * B]}, so a band of rows
     * can land in a buffer of its own (an offset that makes the band's first row its first).
     */
    static void convRows(BlockedFilter f, float[] x, int xOff, Input in, Window win, int oy0, int oy1, float[] out,
            int outOff, int outPlane, Epilogue ep) {
        int mb = Blocked.blocks(f.outChannels);
        int[] tapX = new int[f.taps()];
        int[] tapW = new int[f.taps()];
        boolean flatList = in.run() == 1 || f.inChannels <= 4;
        int[] flatX = flatList ? new int[f.taps() * f.inChannels] : null;
        int[] flatW = flatList ? new int[f.taps() * f.inChannels] : null;
        for (int oy = oy0; oy < oy1; oy++) {
            for (int pair = 0; pair < (mb + 1) / 2; pair++) {
                row(f, x, xOff, in, win, oy, pair, mb, tapX, tapW, flatX, flatW, out, outOff, ep, null, 0, null,
                        outPlane);
            }
        }
    }

    /** One output row of one pair of output blocks. */
    private static void row(BlockedFilter f, float[] x, int xOff, Input in, Window win, int oy, int pair, int mb,
            int[] tapX, int[] tapW, int[] flatX, int[] flatW, float[] out, int outOff, Epilogue ep, float[] z,
            int zOff, float[] tail, int outPlane) {
        int iy0 = oy * win.strideH() - win.padTop();
        int kh0 = firstInside(iy0, win.dilH());
        int kh1 = lastInside(iy0, win.dilH(), f.kh, in.height());
        int outW = win.outW();
        int rowStride = in.width() * in.pixStride();
        // Columns whose whole window lies inside the input.
        int lo = 0;
        while (lo < outW && lo * win.strideW() - win.padLeft() < 0) {
            lo++;
        }
        int hi = outW;
        while (hi > lo && (hi - 1) * win.strideW() - win.padLeft() + (f.kw - 1) * win.dilW() >= in.width()) {
            hi--;
        }
        int pixels = outPlane;
        int base = oy * outW;
        int xRow = xOff + iy0 * rowStride - win.padLeft() * in.pixStride();
        if (tail != null && f.kw == 3 && win.strideW() == 1 && pair * 2 + 1 >= mb && in.pixStride() == B) {
            threeWideRow(f, x, xRow, in, win, base, pair * 2, out, outOff, pixels, ep, z, zOff, tail);
            return;
        }
        // Interior: every kernel column, the rows inside.
        int n = 0;
        for (int kh = kh0; kh < kh1; kh++) {
            for (int kw = 0; kw < f.kw; kw++) {
                tapX[n] = kh * win.dilH() * rowStride + kw * win.dilW() * in.pixStride();
                tapW[n++] = (kh * f.kw + kw) * f.inChannels * B;
            }
        }
        if (hi > lo) {
            span(f, x, xRow, in, win.strideW(), base, base + lo, base + hi, n, tapX, tapW, flatX, flatW, pair, mb,
                    out, outOff, pixels, ep, z, zOff, hi == outW, tail);
        }
        // Edges: each pixel with the kernel columns inside.
        for (int ox = 0; ox < outW; ox++) {
            if (ox == lo && hi > lo) {
                ox = hi - 1;
                continue;
            }
            int ix0 = ox * win.strideW() - win.padLeft();
            int kw0 = firstInside(ix0, win.dilW());
            int kw1 = lastInside(ix0, win.dilW(), f.kw, in.width());
            int m = 0;
            for (int kh = kh0; kh < kh1; kh++) {
                for (int kw = kw0; kw < kw1; kw++) {
                    tapX[m] = kh * win.dilH() * rowStride + kw * win.dilW() * in.pixStride();
                    tapW[m++] = (kh * f.kw + kw) * f.inChannels * B;
                }
            }
            span(f, x, xRow, in, win.strideW(), base, base + ox, base + ox + 1, m, tapX, tapW, flatX, flatW, pair, mb,
                    out, outOff, pixels, ep, z, zOff, false, null);
        }
    }

    /**
     * A row of one output block, window three wide at stride 1, on a padded copy: the pixels of
     * each residue modulo the dilation (whose windows share input columns) twelve, eight and four
     * at a time; the last one to three through the four-pixel kernel into {@code tail}, reading
     * into the copy's slack.
     */
    private static void threeWideRow(BlockedFilter f, float[] x, int xRow, Input in, Window win, int base, int ob,
            float[] out, int outOff, int pixels, Epilogue ep, float[] z, int zOff, float[] tail) {
        int outW = win.outW();
        int d = win.dilW();
        int step = d * B;
        int rowStride = in.width() * B;
        int plane = in.height() * rowStride;
        int rowStep = win.dilH() * rowStride;
        int o0 = outOff + (ob * pixels + base) * B;
        for (int r = 0; r < Math.min(d, outW); r++) {
            int n = (outW - r + d - 1) / d;
            int k = 0;
            for (; k + 12 <= n; k += 12) {
                twelve3(f, x, xRow + (r + k * d) * B, plane, rowStep, step, ob, out, o0 + (r + k * d) * B, step);
            }
            if (k + 8 <= n) {
                eight3(f, x, xRow + (r + k * d) * B, plane, rowStep, step, ob, out, o0 + (r + k * d) * B, step);
                k += 8;
            }
            if (k + 4 <= n) {
                four3(f, x, xRow + (r + k * d) * B, plane, rowStep, step, ob, out, o0 + (r + k * d) * B, step);
                k += 4;
            }
            if (k < n) {
                four3(f, x, xRow + (r + k * d) * B, plane, rowStep, step, ob, tail, 0, B);
                for (int t = 0; k + t < n; t++) {
                    System.arraycopy(tail, t * B, out, o0 + (r + (k + t) * d) * B, B);
                }
            }
        }
        if (!ep.isIdentity() || z != null) {
            ep.applyBlocked(out, o0, outW, ob, z, o0 - outOff + zOff);
        }
    }

    /** The first k with {@code start + k * dil >= 0}. */
    private static int firstInside(int start, int dil) {
        return start >= 0 ? 0 : (-start + dil - 1) / dil;
    }

    /** One past the last k below {@code k} with {@code start + k * dil < size}. */
    private static int lastInside(int start, int dil, int k, int size) {
        if (start >= size) {
            return 0;
        }
        return Math.min(k, (size - 1 - start) / dil + 1);
    }

    /**
     * Output pixels [from, to) of one row for one pair of output blocks: pixel p is column
     * {@code p - base}, whose window starts {@code (p - base) * step} input pixels from {@code xRow}.
     */
    private static void span(BlockedFilter f, float[] x, int xRow, Input in, int step, int base, int from, int to,
            int taps, int[] tapX, int[] tapW, int[] flatX, int[] flatW, int pair, int mb, float[] out, int outOff,
            int pixels, Epilogue ep, float[] z, int zOff, boolean wholeRow, float[] tail) {
        int rowBase = base;
        int ob0 = pair * 2;
        boolean two = ob0 + 1 < mb;
        int pixStep = step * in.pixStride();
        boolean finish = !ep.isIdentity() || z != null;
        // A blocked input read at stride 1: channel blocks are planes apart, pixels one block apart.
        boolean dense = pixStep == B && in.run() == B;
        int plane = in.height() * in.width() * B;
        int flat = 0;
        if (flatX != null && to - from >= PX) {
            int[] icOff = in.icOff();
            for (int t = 0; t < taps; t++) {
                for (int ic = 0; ic < f.inChannels; ic++) {
                    flatX[flat] = tapX[t] + icOff[ic];
                    flatW[flat++] = tapW[t] + ic * B;
                }
            }
        }
        int p = from;
        if (dense && !two && flatX == null) {
            // One output block: twelve pixels a step keep enough multiply-adds in flight to hide their latency.
            for (; p + 2 * PX <= to; p += 2 * PX) {
                twelve1Dense(f, x, xRow + (p - rowBase) * pixStep, plane, taps, tapX, tapW, ob0, out,
                        outOff + (ob0 * pixels + p) * B);
            }
        }
        if (flatX != null && !two) {
            // One output block from a planar input: twelve pixels a step keep more multiply-adds in flight.
            for (; p + 2 * PX <= to; p += 2 * PX) {
                if (pixStep == 2) {
                    twelve1FlatStride2(f, x, xRow + (p - rowBase) * pixStep, flat, flatX, flatW, ob0, out,
                            outOff + (ob0 * pixels + p) * B);
                } else {
                    twelve1Flat(f, x, xRow + (p - rowBase) * pixStep, pixStep, flat, flatX, flatW, ob0, out,
                            outOff + (ob0 * pixels + p) * B);
                }
            }
        }
        for (; p + PX <= to; p += PX) {
            int xp = xRow + (p - rowBase) * pixStep;
            int o0 = outOff + (ob0 * pixels + p) * B;
            int o1 = outOff + ((ob0 + 1) * pixels + p) * B;
            if (flatX != null) {
                if (two) {
                    six2Flat(f, x, xp, pixStep, flat, flatX, flatW, ob0, out, o0, o1);
                } else {
                    six1Flat(f, x, xp, pixStep, flat, flatX, flatW, ob0, out, o0);
                }
            } else if (dense) {
                if (two) {
                    six2Dense(f, x, xp, plane, taps, tapX, tapW, ob0, out, o0, o1);
                } else {
                    six1Dense(f, x, xp, plane, taps, tapX, tapW, ob0, out, o0);
                }
            } else if (two) {
                six2(f, x, xp, in.icOff(), in.run(), pixStep, taps, tapX, tapW, ob0, out, o0, o1);
            } else {
                six1(f, x, xp, in.icOff(), in.run(), pixStep, taps, tapX, tapW, ob0, out, o0);
            }
        }
        if (tail != null && wholeRow && dense && flatX == null && p < to) {
            // The row's last pixels through the six-pixel kernel into a side buffer: the padded
            // copy's slack makes the reads past the row safe, and only the real pixels are kept.
            int xp = xRow + (p - rowBase) * pixStep;
            int n = to - p;
            if (two) {
                six2Dense(f, x, xp, plane, taps, tapX, tapW, ob0, tail, 0, PX * B);
                System.arraycopy(tail, PX * B, out, outOff + ((ob0 + 1) * pixels + p) * B, n * B);
            } else {
                six1Dense(f, x, xp, plane, taps, tapX, tapW, ob0, tail, 0);
            }
            System.arraycopy(tail, 0, out, outOff + (ob0 * pixels + p) * B, n * B);
            p = to;
        }
        for (; p < to; p++) {
            int xp = xRow + (p - rowBase) * pixStep;
            int o0 = outOff + (ob0 * pixels + p) * B;
            one(f, x, xp, in.icOff(), taps, tapX, tapW, ob0, out, o0);
            if (two) {
                int o1 = outOff + ((ob0 + 1) * pixels + p) * B;
                one(f, x, xp, in.icOff(), taps, tapX, tapW, ob0 + 1, out, o1);
            }
        }
        // The epilogue over the span (a few KB) while it is in L1.
        if (finish) {
            int o0 = outOff + (ob0 * pixels + from) * B;
            ep.applyBlocked(out, o0, to - from, ob0, z, o0 - outOff + zOff);
            if (two) {
                int o1 = outOff + ((ob0 + 1) * pixels + from) * B;
                ep.applyBlocked(out, o1, to - from, ob0 + 1, z, o1 - outOff + zOff);
            }
        }
    }

    private static void six2(BlockedFilter f, float[] x, int xp, int[] icOff, int run, int pixStep, int taps,
            int[] tapX, int[] tapW, int ob, float[] out, int o0, int o1) {
        float[] w = f.data;
        int c = f.inChannels;
        int w0 = ob * f.taps() * c * B;
        int w1 = w0 + f.taps() * c * B;
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a02 = FloatVector.zero(S);
        FloatVector a03 = FloatVector.zero(S);
        FloatVector a04 = FloatVector.zero(S);
        FloatVector a05 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a12 = FloatVector.zero(S);
        FloatVector a13 = FloatVector.zero(S);
        FloatVector a14 = FloatVector.zero(S);
        FloatVector a15 = FloatVector.zero(S);
        // Input channels in runs of consecutive lanes (a whole block when the input is blocked).
        for (int t = 0; t < taps; t++) {
            int xt = xp + tapX[t];
            int wt = tapW[t];
            for (int ic0 = 0; ic0 < c; ic0 += run) {
                int len = Math.min(run, c - ic0);
                int base = xt + icOff[ic0];
                int wb0 = w0 + wt + ic0 * B;
                int wb1 = w1 + wt + ic0 * B;
                if (len == 1) {
                    // A planar input: one channel per plane, nothing to walk along.
                    FloatVector v0 = FloatVector.fromArray(S, w, wb0);
                    FloatVector v1 = FloatVector.fromArray(S, w, wb1);
                    FloatVector b = FloatVector.broadcast(S, x[base]);
                    a00 = v0.fma(b, a00);
                    a10 = v1.fma(b, a10);
                    b = FloatVector.broadcast(S, x[base + pixStep]);
                    a01 = v0.fma(b, a01);
                    a11 = v1.fma(b, a11);
                    b = FloatVector.broadcast(S, x[base + 2 * pixStep]);
                    a02 = v0.fma(b, a02);
                    a12 = v1.fma(b, a12);
                    b = FloatVector.broadcast(S, x[base + 3 * pixStep]);
                    a03 = v0.fma(b, a03);
                    a13 = v1.fma(b, a13);
                    b = FloatVector.broadcast(S, x[base + 4 * pixStep]);
                    a04 = v0.fma(b, a04);
                    a14 = v1.fma(b, a14);
                    b = FloatVector.broadcast(S, x[base + 5 * pixStep]);
                    a05 = v0.fma(b, a05);
                    a15 = v1.fma(b, a15);
                    continue;
                }
                for (int i = 0; i < len; i++) {
                    int a = base + i;
                    FloatVector v0 = FloatVector.fromArray(S, w, wb0 + i * B);
                    FloatVector v1 = FloatVector.fromArray(S, w, wb1 + i * B);
                    FloatVector b = FloatVector.broadcast(S, x[a]);
                    a00 = v0.fma(b, a00);
                    a10 = v1.fma(b, a10);
                    b = FloatVector.broadcast(S, x[a + pixStep]);
                    a01 = v0.fma(b, a01);
                    a11 = v1.fma(b, a11);
                    b = FloatVector.broadcast(S, x[a + 2 * pixStep]);
                    a02 = v0.fma(b, a02);
                    a12 = v1.fma(b, a12);
                    b = FloatVector.broadcast(S, x[a + 3 * pixStep]);
                    a03 = v0.fma(b, a03);
                    a13 = v1.fma(b, a13);
                    b = FloatVector.broadcast(S, x[a + 4 * pixStep]);
                    a04 = v0.fma(b, a04);
                    a14 = v1.fma(b, a14);
                    b = FloatVector.broadcast(S, x[a + 5 * pixStep]);
                    a05 = v0.fma(b, a05);
                    a15 = v1.fma(b, a15);
                }
            }
        }
        a00.intoArray(out, o0);
        a01.intoArray(out, o0 + B);
        a02.intoArray(out, o0 + 2 * B);
        a03.intoArray(out, o0 + 3 * B);
        a04.intoArray(out, o0 + 4 * B);
        a05.intoArray(out, o0 + 5 * B);
        a10.intoArray(out, o1);
        a11.intoArray(out, o1 + B);
        a12.intoArray(out, o1 + 2 * B);
        a13.intoArray(out, o1 + 3 * B);
        a14.intoArray(out, o1 + 4 * B);
        a15.intoArray(out, o1 + 5 * B);
    }

    /** {@link #six2} over a flat list of (tap, channel) offsets (planar inputs). */
    private static void six2Flat(BlockedFilter f, float[] x, int xp, int pixStep, int k, int[] flatX, int[] flatW,
            int ob, float[] out, int o0, int o1) {
        float[] w = f.data;
        int w0 = ob * f.taps() * f.inChannels * B;
        int w1 = w0 + f.taps() * f.inChannels * B;
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a02 = FloatVector.zero(S);
        FloatVector a03 = FloatVector.zero(S);
        FloatVector a04 = FloatVector.zero(S);
        FloatVector a05 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a12 = FloatVector.zero(S);
        FloatVector a13 = FloatVector.zero(S);
        FloatVector a14 = FloatVector.zero(S);
        FloatVector a15 = FloatVector.zero(S);
        for (int q = 0; q < k; q++) {
            int a = xp + flatX[q];
            FloatVector v0 = FloatVector.fromArray(S, w, w0 + flatW[q]);
            FloatVector v1 = FloatVector.fromArray(S, w, w1 + flatW[q]);
            FloatVector b = FloatVector.broadcast(S, x[a]);
            a00 = v0.fma(b, a00);
            a10 = v1.fma(b, a10);
            b = FloatVector.broadcast(S, x[a + pixStep]);
            a01 = v0.fma(b, a01);
            a11 = v1.fma(b, a11);
            b = FloatVector.broadcast(S, x[a + 2 * pixStep]);
            a02 = v0.fma(b, a02);
            a12 = v1.fma(b, a12);
            b = FloatVector.broadcast(S, x[a + 3 * pixStep]);
            a03 = v0.fma(b, a03);
            a13 = v1.fma(b, a13);
            b = FloatVector.broadcast(S, x[a + 4 * pixStep]);
            a04 = v0.fma(b, a04);
            a14 = v1.fma(b, a14);
            b = FloatVector.broadcast(S, x[a + 5 * pixStep]);
            a05 = v0.fma(b, a05);
            a15 = v1.fma(b, a15);
        }
        a00.intoArray(out, o0);
        a01.intoArray(out, o0 + B);
        a02.intoArray(out, o0 + 2 * B);
        a03.intoArray(out, o0 + 3 * B);
        a04.intoArray(out, o0 + 4 * B);
        a05.intoArray(out, o0 + 5 * B);
        a10.intoArray(out, o1);
        a11.intoArray(out, o1 + B);
        a12.intoArray(out, o1 + 2 * B);
        a13.intoArray(out, o1 + 3 * B);
        a14.intoArray(out, o1 + 4 * B);
        a15.intoArray(out, o1 + 5 * B);
    }

    /** Twelve pixels of one output block over a flat list of (tap, channel) offsets. */
    private static void twelve1Flat(BlockedFilter f, float[] x, int xp, int pixStep, int k, int[] flatX, int[] flatW,
            int ob, float[] out, int o0) {
        float[] w = f.data;
        int w0 = ob * f.taps() * f.inChannels * B;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        FloatVector a4 = FloatVector.zero(S);
        FloatVector a5 = FloatVector.zero(S);
        FloatVector a6 = FloatVector.zero(S);
        FloatVector a7 = FloatVector.zero(S);
        FloatVector a8 = FloatVector.zero(S);
        FloatVector a9 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        for (int q = 0; q < k; q++) {
            int a = xp + flatX[q];
            FloatVector v = FloatVector.fromArray(S, w, w0 + flatW[q]);
            a0 = v.fma(FloatVector.broadcast(S, x[a]), a0);
            a1 = v.fma(FloatVector.broadcast(S, x[a + pixStep]), a1);
            a2 = v.fma(FloatVector.broadcast(S, x[a + 2 * pixStep]), a2);
            a3 = v.fma(FloatVector.broadcast(S, x[a + 3 * pixStep]), a3);
            a4 = v.fma(FloatVector.broadcast(S, x[a + 4 * pixStep]), a4);
            a5 = v.fma(FloatVector.broadcast(S, x[a + 5 * pixStep]), a5);
            a6 = v.fma(FloatVector.broadcast(S, x[a + 6 * pixStep]), a6);
            a7 = v.fma(FloatVector.broadcast(S, x[a + 7 * pixStep]), a7);
            a8 = v.fma(FloatVector.broadcast(S, x[a + 8 * pixStep]), a8);
            a9 = v.fma(FloatVector.broadcast(S, x[a + 9 * pixStep]), a9);
            a10 = v.fma(FloatVector.broadcast(S, x[a + 10 * pixStep]), a10);
            a11 = v.fma(FloatVector.broadcast(S, x[a + 11 * pixStep]), a11);
        }
        a0.intoArray(out, o0);
        a1.intoArray(out, o0 + B);
        a2.intoArray(out, o0 + 2 * B);
        a3.intoArray(out, o0 + 3 * B);
        a4.intoArray(out, o0 + 4 * B);
        a5.intoArray(out, o0 + 5 * B);
        a6.intoArray(out, o0 + 6 * B);
        a7.intoArray(out, o0 + 7 * B);
        a8.intoArray(out, o0 + 8 * B);
        a9.intoArray(out, o0 + 9 * B);
        a10.intoArray(out, o0 + 10 * B);
        a11.intoArray(out, o0 + 11 * B);
    }
    /** {@link #twelve1Flat} for a planar input at stride 2 (a network's first layer). */
    private static void twelve1FlatStride2(BlockedFilter f, float[] x, int xp, int k, int[] flatX, int[] flatW,
            int ob, float[] out, int o0) {
        float[] w = f.data;
        int w0 = ob * f.taps() * f.inChannels * B;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        FloatVector a4 = FloatVector.zero(S);
        FloatVector a5 = FloatVector.zero(S);
        FloatVector a6 = FloatVector.zero(S);
        FloatVector a7 = FloatVector.zero(S);
        FloatVector a8 = FloatVector.zero(S);
        FloatVector a9 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        for (int q = 0; q < k; q++) {
            int a = xp + flatX[q];
            FloatVector v = FloatVector.fromArray(S, w, w0 + flatW[q]);
            a0 = v.fma(FloatVector.broadcast(S, x[a]), a0);
            a1 = v.fma(FloatVector.broadcast(S, x[a + 2]), a1);
            a2 = v.fma(FloatVector.broadcast(S, x[a + 4]), a2);
            a3 = v.fma(FloatVector.broadcast(S, x[a + 6]), a3);
            a4 = v.fma(FloatVector.broadcast(S, x[a + 8]), a4);
            a5 = v.fma(FloatVector.broadcast(S, x[a + 10]), a5);
            a6 = v.fma(FloatVector.broadcast(S, x[a + 12]), a6);
            a7 = v.fma(FloatVector.broadcast(S, x[a + 14]), a7);
            a8 = v.fma(FloatVector.broadcast(S, x[a + 16]), a8);
            a9 = v.fma(FloatVector.broadcast(S, x[a + 18]), a9);
            a10 = v.fma(FloatVector.broadcast(S, x[a + 20]), a10);
            a11 = v.fma(FloatVector.broadcast(S, x[a + 22]), a11);
        }
        a0.intoArray(out, o0);
        a1.intoArray(out, o0 + B);
        a2.intoArray(out, o0 + 2 * B);
        a3.intoArray(out, o0 + 3 * B);
        a4.intoArray(out, o0 + 4 * B);
        a5.intoArray(out, o0 + 5 * B);
        a6.intoArray(out, o0 + 6 * B);
        a7.intoArray(out, o0 + 7 * B);
        a8.intoArray(out, o0 + 8 * B);
        a9.intoArray(out, o0 + 9 * B);
        a10.intoArray(out, o0 + 10 * B);
        a11.intoArray(out, o0 + 11 * B);
    }

    /** {@link #six1} over a flat list of (tap, channel) offsets (planar inputs). */
    private static void six1Flat(BlockedFilter f, float[] x, int xp, int pixStep, int k, int[] flatX, int[] flatW,
            int ob, float[] out, int o0) {
        float[] w = f.data;
        int w0 = ob * f.taps() * f.inChannels * B;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        FloatVector a4 = FloatVector.zero(S);
        FloatVector a5 = FloatVector.zero(S);
        for (int q = 0; q < k; q++) {
            int a = xp + flatX[q];
            FloatVector v = FloatVector.fromArray(S, w, w0 + flatW[q]);
            a0 = v.fma(FloatVector.broadcast(S, x[a]), a0);
            a1 = v.fma(FloatVector.broadcast(S, x[a + pixStep]), a1);
            a2 = v.fma(FloatVector.broadcast(S, x[a + 2 * pixStep]), a2);
            a3 = v.fma(FloatVector.broadcast(S, x[a + 3 * pixStep]), a3);
            a4 = v.fma(FloatVector.broadcast(S, x[a + 4 * pixStep]), a4);
            a5 = v.fma(FloatVector.broadcast(S, x[a + 5 * pixStep]), a5);
        }
        a0.intoArray(out, o0);
        a1.intoArray(out, o0 + B);
        a2.intoArray(out, o0 + 2 * B);
        a3.intoArray(out, o0 + 3 * B);
        a4.intoArray(out, o0 + 4 * B);
        a5.intoArray(out, o0 + 5 * B);
    }

    private static void six1(BlockedFilter f, float[] x, int xp, int[] icOff, int run, int pixStep, int taps,
            int[] tapX, int[] tapW, int ob, float[] out, int o0) {
        float[] w = f.data;
        int c = f.inChannels;
        int w0 = ob * f.taps() * c * B;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        FloatVector a4 = FloatVector.zero(S);
        FloatVector a5 = FloatVector.zero(S);
        for (int t = 0; t < taps; t++) {
            int xt = xp + tapX[t];
            int wt = w0 + tapW[t];
            for (int ic0 = 0; ic0 < c; ic0 += run) {
                int len = Math.min(run, c - ic0);
                int base = xt + icOff[ic0];
                int wb = wt + ic0 * B;
                if (len == 1) {
                    FloatVector v = FloatVector.fromArray(S, w, wb);
                    a0 = v.fma(FloatVector.broadcast(S, x[base]), a0);
                    a1 = v.fma(FloatVector.broadcast(S, x[base + pixStep]), a1);
                    a2 = v.fma(FloatVector.broadcast(S, x[base + 2 * pixStep]), a2);
                    a3 = v.fma(FloatVector.broadcast(S, x[base + 3 * pixStep]), a3);
                    a4 = v.fma(FloatVector.broadcast(S, x[base + 4 * pixStep]), a4);
                    a5 = v.fma(FloatVector.broadcast(S, x[base + 5 * pixStep]), a5);
                    continue;
                }
                for (int i = 0; i < len; i++) {
                    int a = base + i;
                    FloatVector v = FloatVector.fromArray(S, w, wb + i * B);
                    a0 = v.fma(FloatVector.broadcast(S, x[a]), a0);
                    a1 = v.fma(FloatVector.broadcast(S, x[a + pixStep]), a1);
                    a2 = v.fma(FloatVector.broadcast(S, x[a + 2 * pixStep]), a2);
                    a3 = v.fma(FloatVector.broadcast(S, x[a + 3 * pixStep]), a3);
                    a4 = v.fma(FloatVector.broadcast(S, x[a + 4 * pixStep]), a4);
                    a5 = v.fma(FloatVector.broadcast(S, x[a + 5 * pixStep]), a5);
                }
            }
        }
        a0.intoArray(out, o0);
        a1.intoArray(out, o0 + B);
        a2.intoArray(out, o0 + 2 * B);
        a3.intoArray(out, o0 + 3 * B);
        a4.intoArray(out, o0 + 4 * B);
        a5.intoArray(out, o0 + 5 * B);
    }
    /** {@link #six2} for a blocked input at stride 1: every step a constant the JIT folds into addresses. */
    private static void six2Dense(BlockedFilter f, float[] x, int xp, int plane, int taps, int[] tapX, int[] tapW,
            int ob, float[] out, int o0, int o1) {
        float[] w = f.data;
        int c = f.inChannels;
        int w0 = ob * f.taps() * c * B;
        int w1 = w0 + f.taps() * c * B;
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a02 = FloatVector.zero(S);
        FloatVector a03 = FloatVector.zero(S);
        FloatVector a04 = FloatVector.zero(S);
        FloatVector a05 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a12 = FloatVector.zero(S);
        FloatVector a13 = FloatVector.zero(S);
        FloatVector a14 = FloatVector.zero(S);
        FloatVector a15 = FloatVector.zero(S);
        // Input channels in runs of consecutive lanes (a whole block when the input is blocked).
        for (int t = 0; t < taps; t++) {
            int xt = xp + tapX[t];
            int wt = tapW[t];
            for (int ic0 = 0; ic0 < c; ic0 += B) {
                int len = Math.min(B, c - ic0);
                int base = xt + (ic0 / B) * plane;
                int wb0 = w0 + wt + ic0 * B;
                int wb1 = w1 + wt + ic0 * B;
                for (int i = 0; i < len; i++) {
                    int a = base + i;
                    FloatVector v0 = FloatVector.fromArray(S, w, wb0 + i * B);
                    FloatVector v1 = FloatVector.fromArray(S, w, wb1 + i * B);
                    FloatVector b = FloatVector.broadcast(S, x[a]);
                    a00 = v0.fma(b, a00);
                    a10 = v1.fma(b, a10);
                    b = FloatVector.broadcast(S, x[a + B]);
                    a01 = v0.fma(b, a01);
                    a11 = v1.fma(b, a11);
                    b = FloatVector.broadcast(S, x[a + 2 * B]);
                    a02 = v0.fma(b, a02);
                    a12 = v1.fma(b, a12);
                    b = FloatVector.broadcast(S, x[a + 3 * B]);
                    a03 = v0.fma(b, a03);
                    a13 = v1.fma(b, a13);
                    b = FloatVector.broadcast(S, x[a + 4 * B]);
                    a04 = v0.fma(b, a04);
                    a14 = v1.fma(b, a14);
                    b = FloatVector.broadcast(S, x[a + 5 * B]);
                    a05 = v0.fma(b, a05);
                    a15 = v1.fma(b, a15);
                }
            }
        }
        a00.intoArray(out, o0);
        a01.intoArray(out, o0 + B);
        a02.intoArray(out, o0 + 2 * B);
        a03.intoArray(out, o0 + 3 * B);
        a04.intoArray(out, o0 + 4 * B);
        a05.intoArray(out, o0 + 5 * B);
        a10.intoArray(out, o1);
        a11.intoArray(out, o1 + B);
        a12.intoArray(out, o1 + 2 * B);
        a13.intoArray(out, o1 + 3 * B);
        a14.intoArray(out, o1 + 4 * B);
        a15.intoArray(out, o1 + 5 * B);
    }
    /** {@link #six1Dense} for twelve pixels. */
    private static void twelve1Dense(BlockedFilter f, float[] x, int xp, int plane, int taps, int[] tapX, int[] tapW,
            int ob, float[] out, int o0) {
        float[] w = f.data;
        int c = f.inChannels;
        int w0 = ob * f.taps() * c * B;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        FloatVector a4 = FloatVector.zero(S);
        FloatVector a5 = FloatVector.zero(S);
        FloatVector a6 = FloatVector.zero(S);
        FloatVector a7 = FloatVector.zero(S);
        FloatVector a8 = FloatVector.zero(S);
        FloatVector a9 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        for (int t = 0; t < taps; t++) {
            int xt = xp + tapX[t];
            int wt = w0 + tapW[t];
            for (int ic0 = 0; ic0 < c; ic0 += B) {
                int len = c - ic0 >= B ? B : c - ic0;
                int base = xt + (ic0 / B) * plane;
                int wb = wt + ic0 * B;
                for (int i = 0; i < len; i++) {
                    int a = base + i;
                    FloatVector v = FloatVector.fromArray(S, w, wb + i * B);
                    a0 = v.fma(FloatVector.broadcast(S, x[a]), a0);
                    a1 = v.fma(FloatVector.broadcast(S, x[a + B]), a1);
                    a2 = v.fma(FloatVector.broadcast(S, x[a + 2 * B]), a2);
                    a3 = v.fma(FloatVector.broadcast(S, x[a + 3 * B]), a3);
                    a4 = v.fma(FloatVector.broadcast(S, x[a + 4 * B]), a4);
                    a5 = v.fma(FloatVector.broadcast(S, x[a + 5 * B]), a5);
                    a6 = v.fma(FloatVector.broadcast(S, x[a + 6 * B]), a6);
                    a7 = v.fma(FloatVector.broadcast(S, x[a + 7 * B]), a7);
                    a8 = v.fma(FloatVector.broadcast(S, x[a + 8 * B]), a8);
                    a9 = v.fma(FloatVector.broadcast(S, x[a + 9 * B]), a9);
                    a10 = v.fma(FloatVector.broadcast(S, x[a + 10 * B]), a10);
                    a11 = v.fma(FloatVector.broadcast(S, x[a + 11 * B]), a11);
                }
            }
        }
        a0.intoArray(out, o0);
        a1.intoArray(out, o0 + B);
        a2.intoArray(out, o0 + 2 * B);
        a3.intoArray(out, o0 + 3 * B);
        a4.intoArray(out, o0 + 4 * B);
        a5.intoArray(out, o0 + 5 * B);
        a6.intoArray(out, o0 + 6 * B);
        a7.intoArray(out, o0 + 7 * B);
        a8.intoArray(out, o0 + 8 * B);
        a9.intoArray(out, o0 + 9 * B);
        a10.intoArray(out, o0 + 10 * B);
        a11.intoArray(out, o0 + 11 * B);
    }
    /**
     * Twelve pixels of one output block for a window three wide at stride 1: pixels and input
     * columns are {@code step} floats apart (a dilation's columns, pixels of one residue), and each
     * input value, broadcast once, meets the three weights of its kernel row for the three pixels
     * whose windows hold it: 14 input loads feed 36 multiply-adds, where {@link #twelve1Dense} needs
     * 13 loads for 12. The input must be padded: every row {@code i < kh} of every window is read.
     */
    private static void twelve3(BlockedFilter f, float[] x, int xp, int plane, int rowStep, int step, int ob,
            float[] out, int o, int outStep) {
        float[] w = f.data;
        int c = f.inChannels;
        int w0 = ob * f.taps() * c * B;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        FloatVector a4 = FloatVector.zero(S);
        FloatVector a5 = FloatVector.zero(S);
        FloatVector a6 = FloatVector.zero(S);
        FloatVector a7 = FloatVector.zero(S);
        FloatVector a8 = FloatVector.zero(S);
        FloatVector a9 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        for (int i = 0; i < f.kh; i++) {
            int xr = xp + i * rowStep;
            int wr = w0 + i * 3 * c * B;
            for (int ic = 0; ic < c; ic++) {
                int xa = xr + (ic / B) * plane + ic % B;
                FloatVector v0 = FloatVector.fromArray(S, w, wr + ic * B);
                FloatVector v1 = FloatVector.fromArray(S, w, wr + (c + ic) * B);
                FloatVector v2 = FloatVector.fromArray(S, w, wr + (2 * c + ic) * B);
                FloatVector b;
                b = FloatVector.broadcast(S, x[xa]);
                a0 = v0.fma(b, a0);
                b = FloatVector.broadcast(S, x[xa + 1 * step]);
                a1 = v0.fma(b, a1);
                a0 = v1.fma(b, a0);
                b = FloatVector.broadcast(S, x[xa + 2 * step]);
                a2 = v0.fma(b, a2);
                a1 = v1.fma(b, a1);
                a0 = v2.fma(b, a0);
                b = FloatVector.broadcast(S, x[xa + 3 * step]);
                a3 = v0.fma(b, a3);
                a2 = v1.fma(b, a2);
                a1 = v2.fma(b, a1);
                b = FloatVector.broadcast(S, x[xa + 4 * step]);
                a4 = v0.fma(b, a4);
                a3 = v1.fma(b, a3);
                a2 = v2.fma(b, a2);
                b = FloatVector.broadcast(S, x[xa + 5 * step]);
                a5 = v0.fma(b, a5);
                a4 = v1.fma(b, a4);
                a3 = v2.fma(b, a3);
                b = FloatVector.broadcast(S, x[xa + 6 * step]);
                a6 = v0.fma(b, a6);
                a5 = v1.fma(b, a5);
                a4 = v2.fma(b, a4);
                b = FloatVector.broadcast(S, x[xa + 7 * step]);
                a7 = v0.fma(b, a7);
                a6 = v1.fma(b, a6);
                a5 = v2.fma(b, a5);
                b = FloatVector.broadcast(S, x[xa + 8 * step]);
                a8 = v0.fma(b, a8);
                a7 = v1.fma(b, a7);
                a6 = v2.fma(b, a6);
                b = FloatVector.broadcast(S, x[xa + 9 * step]);
                a9 = v0.fma(b, a9);
                a8 = v1.fma(b, a8);
                a7 = v2.fma(b, a7);
                b = FloatVector.broadcast(S, x[xa + 10 * step]);
                a10 = v0.fma(b, a10);
                a9 = v1.fma(b, a9);
                a8 = v2.fma(b, a8);
                b = FloatVector.broadcast(S, x[xa + 11 * step]);
                a11 = v0.fma(b, a11);
                a10 = v1.fma(b, a10);
                a9 = v2.fma(b, a9);
                b = FloatVector.broadcast(S, x[xa + 12 * step]);
                a11 = v1.fma(b, a11);
                a10 = v2.fma(b, a10);
                b = FloatVector.broadcast(S, x[xa + 13 * step]);
                a11 = v2.fma(b, a11);
            }
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + 1 * outStep);
        a2.intoArray(out, o + 2 * outStep);
        a3.intoArray(out, o + 3 * outStep);
        a4.intoArray(out, o + 4 * outStep);
        a5.intoArray(out, o + 5 * outStep);
        a6.intoArray(out, o + 6 * outStep);
        a7.intoArray(out, o + 7 * outStep);
        a8.intoArray(out, o + 8 * outStep);
        a9.intoArray(out, o + 9 * outStep);
        a10.intoArray(out, o + 10 * outStep);
        a11.intoArray(out, o + 11 * outStep);
    }

    /** {@link #twelve3} for eight pixels. */
    private static void eight3(BlockedFilter f, float[] x, int xp, int plane, int rowStep, int step, int ob,
            float[] out, int o, int outStep) {
        float[] w = f.data;
        int c = f.inChannels;
        int w0 = ob * f.taps() * c * B;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        FloatVector a4 = FloatVector.zero(S);
        FloatVector a5 = FloatVector.zero(S);
        FloatVector a6 = FloatVector.zero(S);
        FloatVector a7 = FloatVector.zero(S);
        for (int i = 0; i < f.kh; i++) {
            int xr = xp + i * rowStep;
            int wr = w0 + i * 3 * c * B;
            for (int ic = 0; ic < c; ic++) {
                int xa = xr + (ic / B) * plane + ic % B;
                FloatVector v0 = FloatVector.fromArray(S, w, wr + ic * B);
                FloatVector v1 = FloatVector.fromArray(S, w, wr + (c + ic) * B);
                FloatVector v2 = FloatVector.fromArray(S, w, wr + (2 * c + ic) * B);
                FloatVector b;
                b = FloatVector.broadcast(S, x[xa]);
                a0 = v0.fma(b, a0);
                b = FloatVector.broadcast(S, x[xa + 1 * step]);
                a1 = v0.fma(b, a1);
                a0 = v1.fma(b, a0);
                b = FloatVector.broadcast(S, x[xa + 2 * step]);
                a2 = v0.fma(b, a2);
                a1 = v1.fma(b, a1);
                a0 = v2.fma(b, a0);
                b = FloatVector.broadcast(S, x[xa + 3 * step]);
                a3 = v0.fma(b, a3);
                a2 = v1.fma(b, a2);
                a1 = v2.fma(b, a1);
                b = FloatVector.broadcast(S, x[xa + 4 * step]);
                a4 = v0.fma(b, a4);
                a3 = v1.fma(b, a3);
                a2 = v2.fma(b, a2);
                b = FloatVector.broadcast(S, x[xa + 5 * step]);
                a5 = v0.fma(b, a5);
                a4 = v1.fma(b, a4);
                a3 = v2.fma(b, a3);
                b = FloatVector.broadcast(S, x[xa + 6 * step]);
                a6 = v0.fma(b, a6);
                a5 = v1.fma(b, a5);
                a4 = v2.fma(b, a4);
                b = FloatVector.broadcast(S, x[xa + 7 * step]);
                a7 = v0.fma(b, a7);
                a6 = v1.fma(b, a6);
                a5 = v2.fma(b, a5);
                b = FloatVector.broadcast(S, x[xa + 8 * step]);
                a7 = v1.fma(b, a7);
                a6 = v2.fma(b, a6);
                b = FloatVector.broadcast(S, x[xa + 9 * step]);
                a7 = v2.fma(b, a7);
            }
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + 1 * outStep);
        a2.intoArray(out, o + 2 * outStep);
        a3.intoArray(out, o + 3 * outStep);
        a4.intoArray(out, o + 4 * outStep);
        a5.intoArray(out, o + 5 * outStep);
        a6.intoArray(out, o + 6 * outStep);
        a7.intoArray(out, o + 7 * outStep);
    }

    /** {@link #twelve3} for four pixels. */
    private static void four3(BlockedFilter f, float[] x, int xp, int plane, int rowStep, int step, int ob,
            float[] out, int o, int outStep) {
        float[] w = f.data;
        int c = f.inChannels;
        int w0 = ob * f.taps() * c * B;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        for (int i = 0; i < f.kh; i++) {
            int xr = xp + i * rowStep;
            int wr = w0 + i * 3 * c * B;
            for (int ic = 0; ic < c; ic++) {
                int xa = xr + (ic / B) * plane + ic % B;
                FloatVector v0 = FloatVector.fromArray(S, w, wr + ic * B);
                FloatVector v1 = FloatVector.fromArray(S, w, wr + (c + ic) * B);
                FloatVector v2 = FloatVector.fromArray(S, w, wr + (2 * c + ic) * B);
                FloatVector b;
                b = FloatVector.broadcast(S, x[xa]);
                a0 = v0.fma(b, a0);
                b = FloatVector.broadcast(S, x[xa + 1 * step]);
                a1 = v0.fma(b, a1);
                a0 = v1.fma(b, a0);
                b = FloatVector.broadcast(S, x[xa + 2 * step]);
                a2 = v0.fma(b, a2);
                a1 = v1.fma(b, a1);
                a0 = v2.fma(b, a0);
                b = FloatVector.broadcast(S, x[xa + 3 * step]);
                a3 = v0.fma(b, a3);
                a2 = v1.fma(b, a2);
                a1 = v2.fma(b, a1);
                b = FloatVector.broadcast(S, x[xa + 4 * step]);
                a3 = v1.fma(b, a3);
                a2 = v2.fma(b, a2);
                b = FloatVector.broadcast(S, x[xa + 5 * step]);
                a3 = v2.fma(b, a3);
            }
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + 1 * outStep);
        a2.intoArray(out, o + 2 * outStep);
        a3.intoArray(out, o + 3 * outStep);
    }

    /** {@link #six1} for a blocked input at stride 1. */
    private static void six1Dense(BlockedFilter f, float[] x, int xp, int plane, int taps, int[] tapX, int[] tapW,
            int ob, float[] out, int o0) {
        float[] w = f.data;
        int c = f.inChannels;
        int w0 = ob * f.taps() * c * B;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        FloatVector a4 = FloatVector.zero(S);
        FloatVector a5 = FloatVector.zero(S);
        for (int t = 0; t < taps; t++) {
            int xt = xp + tapX[t];
            int wt = w0 + tapW[t];
            for (int ic0 = 0; ic0 < c; ic0 += B) {
                int len = Math.min(B, c - ic0);
                int base = xt + (ic0 / B) * plane;
                int wb = wt + ic0 * B;
                for (int i = 0; i < len; i++) {
                    int a = base + i;
                    FloatVector v = FloatVector.fromArray(S, w, wb + i * B);
                    a0 = v.fma(FloatVector.broadcast(S, x[a]), a0);
                    a1 = v.fma(FloatVector.broadcast(S, x[a + B]), a1);
                    a2 = v.fma(FloatVector.broadcast(S, x[a + 2 * B]), a2);
                    a3 = v.fma(FloatVector.broadcast(S, x[a + 3 * B]), a3);
                    a4 = v.fma(FloatVector.broadcast(S, x[a + 4 * B]), a4);
                    a5 = v.fma(FloatVector.broadcast(S, x[a + 5 * B]), a5);
                }
            }
        }
        a0.intoArray(out, o0);
        a1.intoArray(out, o0 + B);
        a2.intoArray(out, o0 + 2 * B);
        a3.intoArray(out, o0 + 3 * B);
        a4.intoArray(out, o0 + 4 * B);
        a5.intoArray(out, o0 + 5 * B);
    }

    /**
     * One output pixel of one block (an edge pixel, or the last few of a row). Four sums in turn
     * (two taps by two channels) keep four multiply-adds in flight, for deep inputs and for an
     * image's three channels alike: with one, each waits on the latency of the one before.
     */
    private static void one(BlockedFilter f, float[] x, int xp, int[] icOff, int taps, int[] tapX, int[] tapW,
            int ob, float[] out, int o0) {
        float[] w = f.data;
        int c = f.inChannels;
        int w0 = ob * f.taps() * c * B;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        int t = 0;
        for (; t + 1 < taps; t += 2) {
            int xt = xp + tapX[t];
            int wt = w0 + tapW[t];
            int xu = xp + tapX[t + 1];
            int wu = w0 + tapW[t + 1];
            int ic = 0;
            for (; ic + 1 < c; ic += 2) {
                a0 = FloatVector.fromArray(S, w, wt + ic * B).fma(FloatVector.broadcast(S, x[xt + icOff[ic]]), a0);
                a1 = FloatVector.fromArray(S, w, wt + (ic + 1) * B)
                        .fma(FloatVector.broadcast(S, x[xt + icOff[ic + 1]]), a1);
                a2 = FloatVector.fromArray(S, w, wu + ic * B).fma(FloatVector.broadcast(S, x[xu + icOff[ic]]), a2);
                a3 = FloatVector.fromArray(S, w, wu + (ic + 1) * B)
                        .fma(FloatVector.broadcast(S, x[xu + icOff[ic + 1]]), a3);
            }
            if (ic < c) {
                a0 = FloatVector.fromArray(S, w, wt + ic * B).fma(FloatVector.broadcast(S, x[xt + icOff[ic]]), a0);
                a2 = FloatVector.fromArray(S, w, wu + ic * B).fma(FloatVector.broadcast(S, x[xu + icOff[ic]]), a2);
            }
        }
        if (t < taps) {
            int xt = xp + tapX[t];
            int wt = w0 + tapW[t];
            int ic = 0;
            for (; ic + 1 < c; ic += 2) {
                a0 = FloatVector.fromArray(S, w, wt + ic * B).fma(FloatVector.broadcast(S, x[xt + icOff[ic]]), a0);
                a1 = FloatVector.fromArray(S, w, wt + (ic + 1) * B)
                        .fma(FloatVector.broadcast(S, x[xt + icOff[ic + 1]]), a1);
            }
            if (ic < c) {
                a0 = FloatVector.fromArray(S, w, wt + ic * B).fma(FloatVector.broadcast(S, x[xt + icOff[ic]]), a0);
            }
        }
        a0.add(a1).add(a2.add(a3)).intoArray(out, o0);
    }
}
