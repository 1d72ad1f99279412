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
        pool.forEach(cb * rg, task -> {
            int b = task / rg;
            int y0 = (task % rg) * rowsPer;
            int y1 = Math.min(outH, y0 + rowsPer);
            for (int oy = y0; oy < y1; oy++) {
                row(mode, x, xOff, b, inH, inW, kh, kw, win, w, rowCount, colCount, oy, out, outOff, ep, z, zOff);
            }
        });
    }

    private static void row(Mode mode, float[] x, int xOff, int b, int inH, int inW, int kh, int kw,
            BlockedConv.Window win, BlockedFilter w, int[] rowCount, int[] colCount, int oy, float[] out,
            int outOff, Epilogue ep, float[] z, int zOff) {
        int outW = win.outW();
        int plane = inH * inW;
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
        int ox = 0;
        while (ox < outW) {
            int ix0 = ox * win.strideW() - win.padLeft();
            if (ox >= lo && ox + 4 <= hi) {
                four(mode, x, xb + ix0 * B, inW, kh0, kh1, 0, kw, win, w, wBase, iy0, kw, out, ob + ox * B);
                ox += 4;
            } else {
                int kw0 = ix0 >= 0 ? 0 : (-ix0 + win.dilW() - 1) / win.dilW();
                int kw1 = ix0 >= inW ? 0 : Math.min(kw, (inW - 1 - ix0) / win.dilW() + 1);
                one(mode, x, xb + ix0 * B, inW, kh0, kh1, kw0, kw1, win, w, wBase, iy0, kw, out, ob + ox * B);
                ox++;
            }
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

    /** Four neighbouring output pixels whose windows lie inside the input's columns. */
    private static void four(Mode mode, float[] x, int xc, int inW, int kh0, int kh1, int kw0, int kw1,
            BlockedConv.Window win, BlockedFilter w, int wBase, int iy0, int kw, float[] out, int o) {
        int rowStep = win.dilH() * inW * B;
        int colStep = win.dilW() * B;
        int step = win.strideW() * B;
        int xr = xc + (iy0 + kh0 * win.dilH()) * inW * B;
        switch (mode) {
            case CONV -> convFour(x, xr, rowStep, colStep, step, kh1 - kh0, kw1 - kw0, w.data, wBase + kh0 * kw * B,
                    kw * B, out, o);
            case MAX -> maxFour(x, xr, rowStep, colStep, step, kh1 - kh0, kw1 - kw0, out, o);
            case SUM -> sumFour(x, xr, rowStep, colStep, step, kh1 - kh0, kw1 - kw0, out, o);
        }
    }

    private static void one(Mode mode, float[] x, int xc, int inW, int kh0, int kh1, int kw0, int kw1,
            BlockedConv.Window win, BlockedFilter w, int wBase, int iy0, int kw, float[] out, int o) {
        int rowStep = win.dilH() * inW * B;
        int colStep = win.dilW() * B;
        int xr = xc + (iy0 + kh0 * win.dilH()) * inW * B + kw0 * colStep;
        int rows = Math.max(0, kh1 - kh0);
        int cols = Math.max(0, kw1 - kw0);
        switch (mode) {
            case CONV -> convOne(x, xr, rowStep, colStep, rows, cols, w.data, wBase + (kh0 * kw + kw0) * B, kw * B, out, o);
            case MAX -> maxOne(x, xr, rowStep, colStep, rows, cols, out, o);
            case SUM -> sumOne(x, xr, rowStep, colStep, rows, cols, out, o);
        }
    }

    private static void convFour(float[] x, int xr, int rowStep, int colStep, int step, int rows, int cols,
            float[] w, int wr, int wRowStep, float[] out, int o) {
        if (cols == 3) {
            convFour3(x, xr, rowStep, colStep, step, rows, w, wr, wRowStep, out, o);
            return;
        }
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int i = 0; i < rows; i++, xr += rowStep, wr += wRowStep) {
            for (int j = 0; j < cols; j++) {
                int xo = xr + j * colStep;
                FloatVector wv = FloatVector.fromArray(S, w, wr + j * B);
                a0 = FloatVector.fromArray(S, x, xo).fma(wv, a0);
                a1 = FloatVector.fromArray(S, x, xo + step).fma(wv, a1);
                a2 = FloatVector.fromArray(S, x, xo + 2 * step).fma(wv, a2);
                a3 = FloatVector.fromArray(S, x, xo + 3 * step).fma(wv, a3);
            }
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + B);
        a2.intoArray(out, o + 2 * B);
        a3.intoArray(out, o + 3 * B);
    }

    /** The common three-column window with its columns written out (the JIT keeps short loops rolled). */
    private static void convFour3(float[] x, int xr, int rowStep, int colStep, int step, int rows,
            float[] w, int wr, int wRowStep, float[] out, int o) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int i = 0; i < rows; i++, xr += rowStep, wr += wRowStep) {
            FloatVector wv = FloatVector.fromArray(S, w, wr);
            a0 = FloatVector.fromArray(S, x, xr).fma(wv, a0);
            a1 = FloatVector.fromArray(S, x, xr + step).fma(wv, a1);
            a2 = FloatVector.fromArray(S, x, xr + 2 * step).fma(wv, a2);
            a3 = FloatVector.fromArray(S, x, xr + 3 * step).fma(wv, a3);
            int xo = xr + colStep;
            wv = FloatVector.fromArray(S, w, wr + B);
            a0 = FloatVector.fromArray(S, x, xo).fma(wv, a0);
            a1 = FloatVector.fromArray(S, x, xo + step).fma(wv, a1);
            a2 = FloatVector.fromArray(S, x, xo + 2 * step).fma(wv, a2);
            a3 = FloatVector.fromArray(S, x, xo + 3 * step).fma(wv, a3);
            xo += colStep;
            wv = FloatVector.fromArray(S, w, wr + 2 * B);
            a0 = FloatVector.fromArray(S, x, xo).fma(wv, a0);
            a1 = FloatVector.fromArray(S, x, xo + step).fma(wv, a1);
            a2 = FloatVector.fromArray(S, x, xo + 2 * step).fma(wv, a2);
            a3 = FloatVector.fromArray(S, x, xo + 3 * step).fma(wv, a3);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + B);
        a2.intoArray(out, o + 2 * B);
        a3.intoArray(out, o + 3 * B);
    }

    private static void maxFour(float[] x, int xr, int rowStep, int colStep, int step, int rows, int cols,
            float[] out, int o) {
        FloatVector a0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int i = 0; i < rows; i++, xr += rowStep) {
            for (int j = 0; j < cols; j++) {
                int xo = xr + j * colStep;
                FloatVector v0 = FloatVector.fromArray(S, x, xo);
                FloatVector v1 = FloatVector.fromArray(S, x, xo + step);
                FloatVector v2 = FloatVector.fromArray(S, x, xo + 2 * step);
                FloatVector v3 = FloatVector.fromArray(S, x, xo + 3 * step);
                a0 = a0.blend(v0, v0.compare(VectorOperators.GT, a0));
                a1 = a1.blend(v1, v1.compare(VectorOperators.GT, a1));
                a2 = a2.blend(v2, v2.compare(VectorOperators.GT, a2));
                a3 = a3.blend(v3, v3.compare(VectorOperators.GT, a3));
            }
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + B);
        a2.intoArray(out, o + 2 * B);
        a3.intoArray(out, o + 3 * B);
    }

    private static void sumFour(float[] x, int xr, int rowStep, int colStep, int step, int rows, int cols,
            float[] out, int o) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int i = 0; i < rows; i++, xr += rowStep) {
            for (int j = 0; j < cols; j++) {
                int xo = xr + j * colStep;
                a0 = a0.add(FloatVector.fromArray(S, x, xo));
                a1 = a1.add(FloatVector.fromArray(S, x, xo + step));
                a2 = a2.add(FloatVector.fromArray(S, x, xo + 2 * step));
                a3 = a3.add(FloatVector.fromArray(S, x, xo + 3 * step));
            }
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + B);
        a2.intoArray(out, o + 2 * B);
        a3.intoArray(out, o + 3 * B);
    }

    private static void convOne(float[] x, int xr, int rowStep, int colStep, int rows, int cols, float[] w, int wr,
            int wRowStep, float[] out, int o) {
        FloatVector a = FloatVector.zero(S);
        for (int i = 0; i < rows; i++, xr += rowStep, wr += wRowStep) {
            for (int j = 0; j < cols; j++) {
                a = FloatVector.fromArray(S, x, xr + j * colStep).fma(FloatVector.fromArray(S, w, wr + j * B), a);
            }
        }
        a.intoArray(out, o);
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
