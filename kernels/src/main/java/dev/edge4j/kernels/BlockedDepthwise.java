package dev.edge4j.kernels;

import dev.edge4j.core.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Depthwise convolution and pooling in the channel-blocked layout ({@link Blocked}): one vector
 * is one pixel of a block of channels, so every window tap is a load and a multiply-add (or a
 * max, or an add) for {@link Blocked#B} channels at once. Four output pixels of a row share each
 * weight load; taps in the padding are left out, so the input is never copied.
 */
public final class BlockedDepthwise {
    private static final VectorSpecies<Float> S = Vectors.S;
    private static final int B = Blocked.B;

    private BlockedDepthwise() {}

    /** What to compute over each window. */
    public enum Mode { CONV, MAX, SUM }

    /**
     * Depthwise convolution ({@code w} packed by {@link BlockedFilter#pack} with one input channel)
     * or pooling ({@code w} null) of one image of {@code c} channels, in and out blocked. For
     * {@link Mode#SUM} each output is then scaled by {@code 1 / (rowCount[oy] * colCount[ox])}.
     */
    public static void run(Mode mode, float[] x, int xOff, int c, int inH, int inW, int kh, int kw,
            BlockedConv.Window win, BlockedFilter w, int[] rowCount, int[] colCount, float[] out, int outOff,
            Epilogue ep, float[] z, int zOff, Parallel pool) {
        int cb = Blocked.blocks(c);
        int outH = win.outH();
        long work = (long) cb * B * outH * win.outW() * kh * kw;
        int want = pool.threads() == 1 ? 1 : (int) Math.max(1, Math.min(pool.threads() * 4L, work / (1 << 14)));
        int rowGroups = Math.max(1, Math.min(outH, want / Math.min(cb, want)));
        int rowsPer = (outH + rowGroups - 1) / rowGroups;
        int rg = (outH + rowsPer - 1) / rowsPer;
        // A convolution starts its sums at the bias and, without a residual, applies a Relu as it
        // stores: the row then needs no second pass. What is left of the epilogue runs after.
        boolean conv = mode == Mode.CONV && ep != null;
        float[] bias = conv ? ep.bias() : null;
        boolean relu = conv && z == null && ep.act() == Activation.RELU;
        Epilogue rest = !conv ? ep : relu ? null : new Epilogue(null, ep.act(), ep.slope(), ep.alpha(), ep.beta());
        pool.forEach(cb * rg, task -> {
            int b = task / rg;
            int y0 = (task % rg) * rowsPer;
            int y1 = Math.min(outH, y0 + rowsPer);
            for (int oy = y0; oy < y1; oy++) {
                row(mode, x, xOff, inH * inW, b, inH, inW, kh, kw, win, w, rowCount, colCount, oy, out, outOff, bias,
                        relu, rest, z, zOff);
            }
        });
    }

    /**
     * Output rows {@code [oy0, oy1)} of a depthwise convolution, every channel block, on the
     * calling thread, from an input whose channel blocks are {@code plane} pixels apart: a band of
     * the image's rows in a buffer of its own, placed by {@code xOff} so that image row {@code iy}
     * is at {@code xOff + iy * inW * B}. Only the rows the output rows read need be there.
     */
    static void convRows(float[] x, int xOff, int plane, int c, int inH, int inW, int kh, int kw,
            BlockedConv.Window win, BlockedFilter w, int oy0, int oy1, float[] out, int outOff, Epilogue ep) {
        float[] bias = ep.bias();
        boolean relu = ep.act() == Activation.RELU;
        Epilogue rest = relu ? null : new Epilogue(null, ep.act(), ep.slope(), ep.alpha(), ep.beta());
        for (int b = 0; b < Blocked.blocks(c); b++) {
            for (int oy = oy0; oy < oy1; oy++) {
                row(Mode.CONV, x, xOff, plane, b, inH, inW, kh, kw, win, w, null, null, oy, out, outOff, bias, relu,
                        rest, null, 0);
            }
        }
    }

    private static void row(Mode mode, float[] x, int xOff, int plane, int b, int inH, int inW, int kh, int kw,
            BlockedConv.Window win, BlockedFilter w, int[] rowCount, int[] colCount, int oy, float[] out,
            int outOff, float[] bias, boolean relu, Epilogue ep, float[] z, int zOff) {
        int outW = win.outW();
        int xb = xOff + b * plane * B;
        int ob = outOff + (b * win.outH() * outW + oy * outW) * B;
        int iy0 = oy * win.strideH() - win.padTop();
        int kh0 = iy0 >= 0 ? 0 : (-iy0 + win.dilH() - 1) / win.dilH();
        int kh1 = iy0 >= inH ? 0 : Math.min(kh, (inH - 1 - iy0) / win.dilH() + 1);
        int lo = 0;
        while (lo < outW && lo * win.strideW() - win.padLeft() < 0) {
            lo++;
        }
        int hi = outW;
        while (hi > lo && (hi - 1) * win.strideW() - win.padLeft() + (kw - 1) * win.dilW() >= inW) {
            hi--;
        }
        int wBase = w == null ? 0 : b * kh * kw * B;
        Fuse fuse = new Fuse(bias, b * B, relu);
        // Interior pixels (whole window columns inside the input) eight at a time in one call.
        int done = lo;
        if (hi > lo && kh1 > kh0) {
            int ix0 = lo * win.strideW() - win.padLeft();
            int xr = xb + ix0 * B + (iy0 + kh0 * win.dilH()) * inW * B;
            done = lo + interior(mode, x, xr, inW * B * win.dilH(), win.dilW() * B, win.strideW() * B, kh1 - kh0, kw,
                    w, wBase + kh0 * kw * B, out, ob + lo * B, hi - lo, fuse);
        }
        for (int ox = 0; ox < outW; ox++) {
            if (ox >= lo && ox < done) {
                ox = done - 1;
                continue;
            }
            int ix0 = ox * win.strideW() - win.padLeft();
            int kw0 = ix0 >= 0 ? 0 : (-ix0 + win.dilW() - 1) / win.dilW();
            int kw1 = ix0 >= inW ? 0 : Math.min(kw, (inW - 1 - ix0) / win.dilW() + 1);
            one(mode, x, xb + ix0 * B, inW, kh0, kh1, kw0, kw1, win, w, wBase, iy0, kw, out, ob + ox * B, fuse);
        }
        if (mode == Mode.SUM) {
            for (int q = 0; q < outW; q++) {
                int count = rowCount[oy] * colCount[q];
                float s = count == 0 ? 0f : 1f / count;
                FloatVector.fromArray(S, out, ob + q * B).mul(s).intoArray(out, ob + q * B);
            }
        }
        if (ep != null && (!ep.isIdentity() || z != null)) {
            int zo = zOff + (b * win.outH() * outW + oy * outW) * B;
            ep.applyBlocked(out, ob, outW, b, z, zo);
        }
    }

    /**
     * Interior output pixels of a row, eight at a time; returns how many it did (a multiple of 8,
     * the rest left to the single-pixel path). The three- and five-wide convolution windows have
     * their own loops: a short loop with a constant trip count is unrolled, a variable one is not.
     */
    private static int interior(Mode mode, float[] x, int xr, int rowStep, int colStep, int step, int rows, int cols,
            BlockedFilter w, int wr, float[] out, int o, int count, Fuse fuse) {
        int n = count / 8 * 8;
        if (mode == Mode.CONV && count - n >= 4) {
            // Four more pixels of a convolution's row in one go rather than one by one.
            conv4(x, xr + n * step, rowStep, colStep, step, rows, cols, w.data, wr, out, o + n * B, fuse);
            if (n == 0) {
                return 4;
            }
        }
        if (n == 0) {
            return 0;
        }
        // The pixel loop lives inside each kernel: bounds checks then hoist out of it.
        switch (mode) {
            case CONV -> {
                if (cols == 3 && step == B && colStep == B) {
                    conv8x3Dense(x, xr, rowStep, rows, w.data, wr, out, o, n, fuse);
                } else if (cols == 3 && step == 2 * B && colStep == B) {
                    conv8x3Stride2(x, xr, rowStep, rows, w.data, wr, out, o, n, fuse);
                } else if (cols == 5 && step == B && colStep == B) {
                    conv8x5Dense(x, xr, rowStep, rows, w.data, wr, out, o, n, fuse);
                } else if (cols == 3) {
                    conv8x3(x, xr, rowStep, colStep, step, rows, w.data, wr, out, o, n, fuse);
                } else if (cols == 5) {
                    conv8x5(x, xr, rowStep, colStep, step, rows, w.data, wr, out, o, n, fuse);
                } else {
                    conv8(x, xr, rowStep, colStep, step, rows, cols, w.data, wr, out, o, n, fuse);
                }
            }
            case MAX -> max8(x, xr, rowStep, colStep, step, rows, cols, out, o, n);
            case SUM -> sum8(x, xr, rowStep, colStep, step, rows, cols, out, o, n);
        }
        return mode == Mode.CONV && count - n >= 4 ? n + 4 : n;
    }

    /** The bias a convolution's sums start at (or none) and whether a Relu is applied as they are stored. */
    private record Fuse(float[] bias, int bo, boolean relu) {
        FloatVector start() {
            return bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, bo);
        }

        FloatVector finish(FloatVector v) {
            return relu ? v.blend(0f, v.compare(VectorOperators.LT, 0f)) : v;
        }
    }

    /**
     * {@link #conv8x3} for stride 1 and no dilation: with the pixel and column steps constants the
     * JIT folds every offset into the addressing and hoists the bounds checks, twice as fast.
     */
    private static void conv8x3Dense(float[] x, int xr, int rowStep, int rows, float[] w, int wr, float[] out, int o,
            int count, Fuse fuse) {
        for (int p = 0; p < count; p += 8) {
            int xq = xr + p * B;
            int oq = o + p * B;
            int wq = wr;
            FloatVector a0 = fuse.start();
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int i = 0; i < rows; i++, xq += rowStep, wq += 3 * B) {
                for (int j = 0; j < 3; j++) {
                    FloatVector wv = FloatVector.fromArray(S, w, wq + j * B);
                    int xo = xq + j * B;
                    a0 = FloatVector.fromArray(S, x, xo).fma(wv, a0);
                    a1 = FloatVector.fromArray(S, x, xo + B).fma(wv, a1);
                    a2 = FloatVector.fromArray(S, x, xo + 2 * B).fma(wv, a2);
                    a3 = FloatVector.fromArray(S, x, xo + 3 * B).fma(wv, a3);
                    a4 = FloatVector.fromArray(S, x, xo + 4 * B).fma(wv, a4);
                    a5 = FloatVector.fromArray(S, x, xo + 5 * B).fma(wv, a5);
                    a6 = FloatVector.fromArray(S, x, xo + 6 * B).fma(wv, a6);
                    a7 = FloatVector.fromArray(S, x, xo + 7 * B).fma(wv, a7);
                }
            }
            store8(fuse.finish(a0), fuse.finish(a1), fuse.finish(a2), fuse.finish(a3), fuse.finish(a4),
                    fuse.finish(a5), fuse.finish(a6), fuse.finish(a7), out, oq);
        }
    }
    /** {@link #conv8x3Dense} for stride 2. */
    private static void conv8x3Stride2(float[] x, int xr, int rowStep, int rows, float[] w, int wr, float[] out, int o,
            int count, Fuse fuse) {
        for (int p = 0; p < count; p += 8) {
            int xq = xr + p * 2 * B;
            int oq = o + p * B;
            int wq = wr;
            FloatVector a0 = fuse.start();
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int i = 0; i < rows; i++, xq += rowStep, wq += 3 * B) {
                for (int j = 0; j < 3; j++) {
                    FloatVector wv = FloatVector.fromArray(S, w, wq + j * B);
                    int xo = xq + j * B;
                    a0 = FloatVector.fromArray(S, x, xo).fma(wv, a0);
                    a1 = FloatVector.fromArray(S, x, xo + 2 * B).fma(wv, a1);
                    a2 = FloatVector.fromArray(S, x, xo + 4 * B).fma(wv, a2);
                    a3 = FloatVector.fromArray(S, x, xo + 6 * B).fma(wv, a3);
                    a4 = FloatVector.fromArray(S, x, xo + 8 * B).fma(wv, a4);
                    a5 = FloatVector.fromArray(S, x, xo + 10 * B).fma(wv, a5);
                    a6 = FloatVector.fromArray(S, x, xo + 12 * B).fma(wv, a6);
                    a7 = FloatVector.fromArray(S, x, xo + 14 * B).fma(wv, a7);
                }
            }
            store8(fuse.finish(a0), fuse.finish(a1), fuse.finish(a2), fuse.finish(a3), fuse.finish(a4),
                    fuse.finish(a5), fuse.finish(a6), fuse.finish(a7), out, oq);
        }
    }
    /** {@link #conv8x3Dense} for a five-wide window. */
    private static void conv8x5Dense(float[] x, int xr, int rowStep, int rows, float[] w, int wr, float[] out, int o,
            int count, Fuse fuse) {
        for (int p = 0; p < count; p += 8) {
            int xq = xr + p * B;
            int oq = o + p * B;
            int wq = wr;
            FloatVector a0 = fuse.start();
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int i = 0; i < rows; i++, xq += rowStep, wq += 5 * B) {
                for (int j = 0; j < 5; j++) {
                    FloatVector wv = FloatVector.fromArray(S, w, wq + j * B);
                    int xo = xq + j * B;
                    a0 = FloatVector.fromArray(S, x, xo).fma(wv, a0);
                    a1 = FloatVector.fromArray(S, x, xo + B).fma(wv, a1);
                    a2 = FloatVector.fromArray(S, x, xo + 2 * B).fma(wv, a2);
                    a3 = FloatVector.fromArray(S, x, xo + 3 * B).fma(wv, a3);
                    a4 = FloatVector.fromArray(S, x, xo + 4 * B).fma(wv, a4);
                    a5 = FloatVector.fromArray(S, x, xo + 5 * B).fma(wv, a5);
                    a6 = FloatVector.fromArray(S, x, xo + 6 * B).fma(wv, a6);
                    a7 = FloatVector.fromArray(S, x, xo + 7 * B).fma(wv, a7);
                }
            }
            store8(fuse.finish(a0), fuse.finish(a1), fuse.finish(a2), fuse.finish(a3), fuse.finish(a4),
                    fuse.finish(a5), fuse.finish(a6), fuse.finish(a7), out, oq);
        }
    }

    private static void conv8x3(float[] x, int xr, int rowStep, int colStep, int step, int rows, float[] w, int wr,
            float[] out, int o, int count, Fuse fuse) {
        for (int p = 0; p < count; p += 8) {
            int xq = xr + p * step;
            int oq = o + p * B;
            int wq = wr;
            FloatVector a0 = fuse.start();
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int i = 0; i < rows; i++, xq += rowStep, wq += 3 * B) {
                for (int j = 0; j < 3; j++) {
                    FloatVector wv = FloatVector.fromArray(S, w, wq + j * B);
                    int xo = xq + j * colStep;
                    a0 = FloatVector.fromArray(S, x, xo).fma(wv, a0);
                    a1 = FloatVector.fromArray(S, x, xo + step).fma(wv, a1);
                    a2 = FloatVector.fromArray(S, x, xo + 2 * step).fma(wv, a2);
                    a3 = FloatVector.fromArray(S, x, xo + 3 * step).fma(wv, a3);
                    a4 = FloatVector.fromArray(S, x, xo + 4 * step).fma(wv, a4);
                    a5 = FloatVector.fromArray(S, x, xo + 5 * step).fma(wv, a5);
                    a6 = FloatVector.fromArray(S, x, xo + 6 * step).fma(wv, a6);
                    a7 = FloatVector.fromArray(S, x, xo + 7 * step).fma(wv, a7);
                }
            }
            store8(fuse.finish(a0), fuse.finish(a1), fuse.finish(a2), fuse.finish(a3), fuse.finish(a4),
                    fuse.finish(a5), fuse.finish(a6), fuse.finish(a7), out, oq);
        }
    }


    private static void conv8x5(float[] x, int xr, int rowStep, int colStep, int step, int rows, float[] w, int wr,
            float[] out, int o, int count, Fuse fuse) {
        for (int p = 0; p < count; p += 8) {
            int xq = xr + p * step;
            int oq = o + p * B;
            int wq = wr;
            FloatVector a0 = fuse.start();
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int i = 0; i < rows; i++, xq += rowStep, wq += 5 * B) {
                for (int j = 0; j < 5; j++) {
                    FloatVector wv = FloatVector.fromArray(S, w, wq + j * B);
                    int xo = xq + j * colStep;
                    a0 = FloatVector.fromArray(S, x, xo).fma(wv, a0);
                    a1 = FloatVector.fromArray(S, x, xo + step).fma(wv, a1);
                    a2 = FloatVector.fromArray(S, x, xo + 2 * step).fma(wv, a2);
                    a3 = FloatVector.fromArray(S, x, xo + 3 * step).fma(wv, a3);
                    a4 = FloatVector.fromArray(S, x, xo + 4 * step).fma(wv, a4);
                    a5 = FloatVector.fromArray(S, x, xo + 5 * step).fma(wv, a5);
                    a6 = FloatVector.fromArray(S, x, xo + 6 * step).fma(wv, a6);
                    a7 = FloatVector.fromArray(S, x, xo + 7 * step).fma(wv, a7);
                }
            }
            store8(fuse.finish(a0), fuse.finish(a1), fuse.finish(a2), fuse.finish(a3), fuse.finish(a4),
                    fuse.finish(a5), fuse.finish(a6), fuse.finish(a7), out, oq);
        }
    }


    private static void conv8(float[] x, int xr, int rowStep, int colStep, int step, int rows, int cols, float[] w,
            int wr, float[] out, int o, int count, Fuse fuse) {
        for (int p = 0; p < count; p += 8) {
            int xq = xr + p * step;
            int oq = o + p * B;
            int wq = wr;
            FloatVector a0 = fuse.start();
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int i = 0; i < rows; i++, xq += rowStep, wq += cols * B) {
                for (int j = 0; j < cols; j++) {
                    FloatVector wv = FloatVector.fromArray(S, w, wq + j * B);
                    int xo = xq + j * colStep;
                    a0 = FloatVector.fromArray(S, x, xo).fma(wv, a0);
                    a1 = FloatVector.fromArray(S, x, xo + step).fma(wv, a1);
                    a2 = FloatVector.fromArray(S, x, xo + 2 * step).fma(wv, a2);
                    a3 = FloatVector.fromArray(S, x, xo + 3 * step).fma(wv, a3);
                    a4 = FloatVector.fromArray(S, x, xo + 4 * step).fma(wv, a4);
                    a5 = FloatVector.fromArray(S, x, xo + 5 * step).fma(wv, a5);
                    a6 = FloatVector.fromArray(S, x, xo + 6 * step).fma(wv, a6);
                    a7 = FloatVector.fromArray(S, x, xo + 7 * step).fma(wv, a7);
                }
            }
            store8(fuse.finish(a0), fuse.finish(a1), fuse.finish(a2), fuse.finish(a3), fuse.finish(a4),
                    fuse.finish(a5), fuse.finish(a6), fuse.finish(a7), out, oq);
        }
    }

    /** Four pixels of {@link #conv8}. */
    private static void conv4(float[] x, int xq, int rowStep, int colStep, int step, int rows, int cols, float[] w,
            int wq, float[] out, int o, Fuse fuse) {
        FloatVector a0 = fuse.start();
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int i = 0; i < rows; i++, xq += rowStep, wq += cols * B) {
            for (int j = 0; j < cols; j++) {
                FloatVector wv = FloatVector.fromArray(S, w, wq + j * B);
                int xo = xq + j * colStep;
                a0 = FloatVector.fromArray(S, x, xo).fma(wv, a0);
                a1 = FloatVector.fromArray(S, x, xo + step).fma(wv, a1);
                a2 = FloatVector.fromArray(S, x, xo + 2 * step).fma(wv, a2);
                a3 = FloatVector.fromArray(S, x, xo + 3 * step).fma(wv, a3);
            }
        }
        fuse.finish(a0).intoArray(out, o);
        fuse.finish(a1).intoArray(out, o + B);
        fuse.finish(a2).intoArray(out, o + 2 * B);
        fuse.finish(a3).intoArray(out, o + 3 * B);
    }

    private static void max8(float[] x, int xr, int rowStep, int colStep, int step, int rows, int cols,
            float[] out, int o, int count) {
        for (int p = 0; p < count; p += 8) {
            int xq = xr + p * step;
            int oq = o + p * B;
            FloatVector a0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int i = 0; i < rows; i++, xq += rowStep) {
                for (int j = 0; j < cols; j++) {
                    int xo = xq + j * colStep;
                    a0 = greater(a0, FloatVector.fromArray(S, x, xo));
                    a1 = greater(a1, FloatVector.fromArray(S, x, xo + step));
                    a2 = greater(a2, FloatVector.fromArray(S, x, xo + 2 * step));
                    a3 = greater(a3, FloatVector.fromArray(S, x, xo + 3 * step));
                    a4 = greater(a4, FloatVector.fromArray(S, x, xo + 4 * step));
                    a5 = greater(a5, FloatVector.fromArray(S, x, xo + 5 * step));
                    a6 = greater(a6, FloatVector.fromArray(S, x, xo + 6 * step));
                    a7 = greater(a7, FloatVector.fromArray(S, x, xo + 7 * step));
                }
            }
            store8(a0, a1, a2, a3, a4, a5, a6, a7, out, oq);
        }
    }


    private static void sum8(float[] x, int xr, int rowStep, int colStep, int step, int rows, int cols,
            float[] out, int o, int count) {
        for (int p = 0; p < count; p += 8) {
            int xq = xr + p * step;
            int oq = o + p * B;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int i = 0; i < rows; i++, xq += rowStep) {
                for (int j = 0; j < cols; j++) {
                    int xo = xq + j * colStep;
                    a0 = a0.add(FloatVector.fromArray(S, x, xo));
                    a1 = a1.add(FloatVector.fromArray(S, x, xo + step));
                    a2 = a2.add(FloatVector.fromArray(S, x, xo + 2 * step));
                    a3 = a3.add(FloatVector.fromArray(S, x, xo + 3 * step));
                    a4 = a4.add(FloatVector.fromArray(S, x, xo + 4 * step));
                    a5 = a5.add(FloatVector.fromArray(S, x, xo + 5 * step));
                    a6 = a6.add(FloatVector.fromArray(S, x, xo + 6 * step));
                    a7 = a7.add(FloatVector.fromArray(S, x, xo + 7 * step));
                }
            }
            store8(a0, a1, a2, a3, a4, a5, a6, a7, out, oq);
        }
    }


    /** {@code v > a ? v : a}: the larger, keeping the first NaN-free choice like the scalar reference. */
    private static FloatVector greater(FloatVector a, FloatVector v) {
        return a.blend(v, v.compare(VectorOperators.GT, a));
    }

    private static void store8(FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3, FloatVector a4,
            FloatVector a5, FloatVector a6, FloatVector a7, float[] out, int o) {
        a0.intoArray(out, o);
        a1.intoArray(out, o + B);
        a2.intoArray(out, o + 2 * B);
        a3.intoArray(out, o + 3 * B);
        a4.intoArray(out, o + 4 * B);
        a5.intoArray(out, o + 5 * B);
        a6.intoArray(out, o + 6 * B);
        a7.intoArray(out, o + 7 * B);
    }

    private static void one(Mode mode, float[] x, int xc, int inW, int kh0, int kh1, int kw0, int kw1,
            BlockedConv.Window win, BlockedFilter w, int wBase, int iy0, int kw, float[] out, int o, Fuse fuse) {
        int rowStep = win.dilH() * inW * B;
        int colStep = win.dilW() * B;
        int xr = xc + (iy0 + kh0 * win.dilH()) * inW * B + kw0 * colStep;
        int rows = Math.max(0, kh1 - kh0);
        int cols = Math.max(0, kw1 - kw0);
        switch (mode) {
            case CONV -> convOne(x, xr, rowStep, colStep, rows, cols, w.data, wBase + (kh0 * kw + kw0) * B, kw * B, out, o,
                    fuse);
            case MAX -> maxOne(x, xr, rowStep, colStep, rows, cols, out, o);
            case SUM -> sumOne(x, xr, rowStep, colStep, rows, cols, out, o);
        }
    }

    /** One pixel; kernel rows alternate between two sums so that a tap need not wait for the one before. */
    private static void convOne(float[] x, int xr, int rowStep, int colStep, int rows, int cols, float[] w, int wr,
            int wRowStep, float[] out, int o, Fuse fuse) {
        FloatVector a = fuse.start();
        FloatVector b = FloatVector.zero(S);
        int i = 0;
        for (; i + 1 < rows; i += 2, xr += 2 * rowStep, wr += 2 * wRowStep) {
            for (int j = 0; j < cols; j++) {
                a = FloatVector.fromArray(S, x, xr + j * colStep).fma(FloatVector.fromArray(S, w, wr + j * B), a);
                b = FloatVector.fromArray(S, x, xr + rowStep + j * colStep)
                        .fma(FloatVector.fromArray(S, w, wr + wRowStep + j * B), b);
            }
        }
        if (i < rows) {
            for (int j = 0; j < cols; j++) {
                a = FloatVector.fromArray(S, x, xr + j * colStep).fma(FloatVector.fromArray(S, w, wr + j * B), a);
            }
        }
        fuse.finish(a.add(b)).intoArray(out, o);
    }

    private static void maxOne(float[] x, int xr, int rowStep, int colStep, int rows, int cols, float[] out, int o) {
        FloatVector a = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < rows; i++, xr += rowStep) {
            for (int j = 0; j < cols; j++) {
                FloatVector v = FloatVector.fromArray(S, x, xr + j * colStep);
                a = a.blend(v, v.compare(VectorOperators.GT, a));
            }
        }
        a.intoArray(out, o);
    }

    private static void sumOne(float[] x, int xr, int rowStep, int colStep, int rows, int cols, float[] out, int o) {
        FloatVector a = FloatVector.zero(S);
        for (int i = 0; i < rows; i++, xr += rowStep) {
            for (int j = 0; j < cols; j++) {
                a = a.add(FloatVector.fromArray(S, x, xr + j * colStep));
            }
        }
        a.intoArray(out, o);
    }
}
