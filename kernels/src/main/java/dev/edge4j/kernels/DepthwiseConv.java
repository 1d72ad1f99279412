package dev.edge4j.kernels;

import dev.edge4j.core.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Depthwise 2-D convolution (one filter per channel) on an input prepared by
 * {@link ConvGeometry#prepare}: for each channel, four vectors of output pixels accumulate over
 * the taps, each tap one load and one multiply-add per vector, then the {@link Epilogue} is
 * applied as they are stored. {@link Depthwise2d#run} is the direct loop it must match.
 */
public final class DepthwiseConv {
    private static final VectorSpecies<Float> S = Vectors.S;
    private static final int V = S.length();
    private static final int TILE = 4 * V;

    private DepthwiseConv() {}

    /** Tiles [t0, t1) of one channel into {@code vbuf} from its start. */
    private static void channel(float[] src, int base, int[] off, float[] w, int wo, int t0, int t1, float[] vbuf) {
        int taps = off.length;
        for (int t = t0; t < t1; t++) {
            int j = t * TILE;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            for (int q = 0; q < taps; q++) {
                int o = base + off[q] + j;
                FloatVector wv = FloatVector.broadcast(S, w[wo + q]);
                a0 = FloatVector.fromArray(S, src, o).fma(wv, a0);
                a1 = FloatVector.fromArray(S, src, o + V).fma(wv, a1);
                a2 = FloatVector.fromArray(S, src, o + 2 * V).fma(wv, a2);
                a3 = FloatVector.fromArray(S, src, o + 3 * V).fma(wv, a3);
            }
            int v = j - t0 * TILE;
            a0.intoArray(vbuf, v);
            a1.intoArray(vbuf, v + V);
            a2.intoArray(vbuf, v + 2 * V);
            a3.intoArray(vbuf, v + 3 * V);
        }
    }

    /**
     * @param src the prepared input of {@code channels} channels
     * @param w filters, {@code w[c * taps + t]}
     * @param out output planes of {@code g.outSize()} from {@code outOff}
     * @param z a residual of the output's shape, or null
     */
    public static void run(float[] src, int channels, ConvGeometry g, float[] w, float[] out, int outOff,
            Epilogue ep, float[] z, int zOff, Parallel pool) {
        int n = g.virtualSize();
        int tiles = (n + TILE - 1) / TILE;
        int taps = g.taps();
        int stride = g.channelStride();
        int[] off = new int[taps];
        for (int t = 0; t < taps; t++) {
            off[t] = g.tapOffset(t);
        }
        long work = (long) channels * n * taps;
        int want = pool.threads() == 1 ? 1 : (int) Math.max(1, Math.min(pool.threads() * 4L, work / (1 << 14)));
        int tileGroups = Math.max(1, Math.min(tiles, want / Math.max(1, Math.min(channels, want))));
        int chGroups = Math.max(1, Math.min(channels, want / tileGroups));
        int chPer = (channels + chGroups - 1) / chGroups;
        int tilesPer = (tiles + tileGroups - 1) / tileGroups;
        int cg = (channels + chPer - 1) / chPer;
        int tg = (tiles + tilesPer - 1) / tilesPer;
        pool.forEach(cg * tg, task -> {
            int c0 = (task / tg) * chPer;
            int c1 = Math.min(channels, c0 + chPer);
            int t0 = (task % tg) * tilesPer;
            int t1 = Math.min(tiles, t0 + tilesPer);
            // Tiles go to a virtual plane first (plain vector stores), then its valid columns to the output.
            float[] vbuf = new float[(t1 - t0) * TILE];
            int j0 = t0 * TILE;
            int jEnd = Math.min(n, t1 * TILE);
            for (int c = c0; c < c1; c++) {
                channel(src, c * stride, off, w, c * taps, t0, t1, vbuf);
                OutputTile.scatter(vbuf, 0, j0, jEnd - j0, g, out, outOff + c * g.outSize());
                OutputTile.epilogue(ep, c, c + 1, j0, jEnd, g, out, outOff, 0, z, zOff);
            }
        });
    }
}
