package dev.edge4j.kernels;

import dev.edge4j.core.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max and average pooling over 2-D windows on an input prepared by {@link ConvGeometry#prepare}
 * (padded with -inf for max, 0 for average): like {@link DepthwiseConv}, four vectors of output
 * pixels per step, each window tap one load and one max or add. Averages are then scaled per
 * output pixel by {@code 1 / (rowCount[oy] * colCount[ox])}, the window's counted size.
 * {@link #reference} is the plain loop it must match.
 */
public final class Pool2d {
    private static final VectorSpecies<Float> S = Vectors.S;
    private static final int V = S.length();
    private static final int TILE = 4 * V;

    private Pool2d() {}

    /**
     * @param max max pooling (else the sum, scaled by the counts)
     * @param rowCount for averages, how many window rows count at each output row (null for max)
     * @param colCount likewise for columns
     */
    public static void run(float[] src, int channels, ConvGeometry g, boolean max, int[] rowCount, int[] colCount,
            float[] out, int outOff, Parallel pool) {
        int n = g.virtualSize();
        int tiles = (n + TILE - 1) / TILE;
        int taps = g.taps();
        int stride = g.channelStride();
        int[] off = new int[taps];
        for (int t = 0; t < taps; t++) {
            off[t] = g.tapOffset(t);
        }
        float[] scale = max ? null : scales(rowCount, colCount, g);
        long work = (long) channels * n * taps;
        int tasks = pool.threads() == 1 ? 1 : (int) Math.max(1, Math.min(Math.min(channels, pool.threads() * 4L),
                work / (1 << 14)));
        int per = (channels + tasks - 1) / tasks;
        pool.forEach((channels + per - 1) / per, task -> {
            int c0 = task * per;
            int c1 = Math.min(channels, c0 + per);
            float[] vbuf = new float[tiles * TILE];
            for (int c = c0; c < c1; c++) {
                if (max) {
                    maxChannel(src, c * stride, off, tiles, vbuf);
                } else {
                    sumChannel(src, c * stride, off, tiles, vbuf);
                }
                int plane = outOff + c * g.outSize();
                OutputTile.scatter(vbuf, 0, 0, n, g, out, plane);
                if (scale != null) {
                    UnaryF32.mul(out, plane, scale, 0, out, plane, g.outSize());
                }
            }
        });
    }

    private static void maxChannel(float[] src, int base, int[] off, int tiles, float[] vbuf) {
        for (int t = 0; t < tiles; t++) {
            int j = t * TILE;
            int o = base + off[0] + j;
            FloatVector a0 = FloatVector.fromArray(S, src, o);
            FloatVector a1 = FloatVector.fromArray(S, src, o + V);
            FloatVector a2 = FloatVector.fromArray(S, src, o + 2 * V);
            FloatVector a3 = FloatVector.fromArray(S, src, o + 3 * V);
            for (int q = 1; q < off.length; q++) {
                o = base + off[q] + j;
                FloatVector b0 = FloatVector.fromArray(S, src, o);
                FloatVector b1 = FloatVector.fromArray(S, src, o + V);
                FloatVector b2 = FloatVector.fromArray(S, src, o + 2 * V);
                FloatVector b3 = FloatVector.fromArray(S, src, o + 3 * V);
                a0 = a0.blend(b0, b0.compare(VectorOperators.GT, a0));
                a1 = a1.blend(b1, b1.compare(VectorOperators.GT, a1));
                a2 = a2.blend(b2, b2.compare(VectorOperators.GT, a2));
                a3 = a3.blend(b3, b3.compare(VectorOperators.GT, a3));
            }
            a0.intoArray(vbuf, j);
            a1.intoArray(vbuf, j + V);
            a2.intoArray(vbuf, j + 2 * V);
            a3.intoArray(vbuf, j + 3 * V);
        }
    }

    private static void sumChannel(float[] src, int base, int[] off, int tiles, float[] vbuf) {
        for (int t = 0; t < tiles; t++) {
            int j = t * TILE;
            int o = base + off[0] + j;
            FloatVector a0 = FloatVector.fromArray(S, src, o);
            FloatVector a1 = FloatVector.fromArray(S, src, o + V);
            FloatVector a2 = FloatVector.fromArray(S, src, o + 2 * V);
            FloatVector a3 = FloatVector.fromArray(S, src, o + 3 * V);
            for (int q = 1; q < off.length; q++) {
                o = base + off[q] + j;
                a0 = a0.add(FloatVector.fromArray(S, src, o));
                a1 = a1.add(FloatVector.fromArray(S, src, o + V));
                a2 = a2.add(FloatVector.fromArray(S, src, o + 2 * V));
                a3 = a3.add(FloatVector.fromArray(S, src, o + 3 * V));
            }
            a0.intoArray(vbuf, j);
            a1.intoArray(vbuf, j + V);
            a2.intoArray(vbuf, j + 2 * V);
            a3.intoArray(vbuf, j + 3 * V);
        }
    }

    /** Per output pixel, one over its window's counted size (0 where nothing counts). */
    private static float[] scales(int[] rowCount, int[] colCount, ConvGeometry g) {
        float[] s = new float[g.outSize()];
        for (int y = 0; y < g.outH; y++) {
            for (int x = 0; x < g.outW; x++) {
                int count = rowCount[y] * colCount[x];
                s[y * g.outW + x] = count == 0 ? 0f : 1f / count;
            }
        }
        return s;
    }

    /**
     * The plain loop: for max, the largest value the window covers inside the input (-inf when it
     * covers none); for averages, the sum inside the input over the counted size.
     */
    public static void reference(float[] x, int channels, ConvGeometry g, boolean max, int[] rowCount,
            int[] colCount, float[] out) {
        for (int c = 0; c < channels; c++) {
            for (int oy = 0; oy < g.outH; oy++) {
                for (int ox = 0; ox < g.outW; ox++) {
                    float acc = max ? Float.NEGATIVE_INFINITY : 0f;
                    for (int i = 0; i < g.kh; i++) {
                        int iy = oy * g.strideH - g.padTop + i * g.dilH;
                        for (int j = 0; j < g.kw; j++) {
                            int ix = ox * g.strideW - g.padLeft + j * g.dilW;
                            if (iy >= 0 && iy < g.inH && ix >= 0 && ix < g.inW) {
                                float v = x[(c * g.inH + iy) * g.inW + ix];
                                acc = max ? (v > acc ? v : acc) : acc + v;
                            }
                        }
                    }
                    int count = max ? 1 : rowCount[oy] * colCount[ox];
                    out[(c * g.outH + oy) * g.outW + ox] = max ? acc : count == 0 ? 0f : acc / count;
                }
            }
        }
    }
}
