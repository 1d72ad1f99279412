package dev.edge4j.kernels;

import dev.edge4j.core.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A convolution as one GEMM with no im2col: {@code out[m][p] = epilogue(sum_k W[m][k] *
 * src[rowOff[k] + v(p)])}, where W is the packed filter (output channels x input channels * taps),
 * {@code rowOff} comes from {@link ConvGeometry#rowOffsets} and v(p) is output pixel p's virtual
 * index (see {@link ConvGeometry}). The micro-kernel holds {@link PackedRows#MR} output channels
 * by two vectors of pixels in registers over the whole sum and stores them straight into the
 * output; the {@link Epilogue} (bias, residual, activation) then runs over each finished column
 * of tiles while it is in cache.
 *
 * <p>{@link #reference} is the direct convolution it must match.
 */
public final class ConvGemm {
    private static final VectorSpecies<Float> S = Vectors.S;
    private static final int V = S.length();
    private static final int NR = 2 * V;
    private static final int MR = PackedRows.MR;
    /** Multiply-adds below which a task is not worth handing to another thread. */
    private static final long MIN_TASK = 1 << 15;

    private ConvGemm() {}

    /**
     * Runs the convolution of one image and one group.
     *
     * @param w the packed filter: M output channels by {@code rowOff.length} columns
     * @param src the prepared input (or the input itself for a {@link ConvGeometry#direct} geometry)
     * @param out output planes of {@code g.outSize()} floats for channels [0, M) from {@code outOff}
     * @param chOff the first output channel's index in the epilogue's per-channel parameters
     * @param z a residual of the output's shape added before the activation, or null
     */
    public static void run(PackedRows w, float[] src, int srcOff, int[] rowOff, ConvGeometry g,
            float[] out, int outOff, Epilogue ep, int chOff, float[] z, int zOff, Parallel pool) {
        int m = w.rows;
        int k = w.cols;
        if (k != rowOff.length) {
            throw new IllegalArgumentException("filter has " + k + " columns, offsets " + rowOff.length);
        }
        int n = g.virtualSize();
        int strips = (m + MR - 1) / MR;
        int tiles = (n + NR - 1) / NR;
        long work = (long) m * n * k;
        int want = pool.threads() == 1 ? 1 : (int) Math.max(1, Math.min(pool.threads() * 4L, work / MIN_TASK));
        // Split tiles first (they share the filter), strips when there are few tiles.
        int tileGroups = Math.min(tiles, want);
        int stripGroups = Math.max(1, Math.min(strips, want / tileGroups));
        int tilesPer = (tiles + tileGroups - 1) / tileGroups;
        int stripsPer = (strips + stripGroups - 1) / stripGroups;
        int tg = (tiles + tilesPer - 1) / tilesPer;
        int sg = (strips + stripsPer - 1) / stripsPer;
        boolean direct = g.direct();
        // Tiles per block: the block's input (k rows of the tiles) should stay in L2.
        int block = Math.max(1, Math.min(16, (128 * 1024) / (4 * NR * Math.max(1, k))));
        pool.forEach(tg * sg, task -> {
            int t0 = (task / sg) * tilesPer;
            int t1 = Math.min(tiles, t0 + tilesPer);
            int s0 = (task % sg) * stripsPer;
            int s1 = Math.min(strips, s0 + stripsPer);
            float[] tmp = new float[MR * NR];
            // A block of tiles at a time, its input kept in cache while every strip of output
            // channels runs over it: each strip then writes a long run of its planes, a pattern
            // the memory prefetchers follow, instead of a short run into every plane in turn.
            for (int tb = t0; tb < t1; tb += block) {
                int te = Math.min(t1, tb + block);
                for (int s = s0; s < s1; s++) {
                    for (int t = tb; t < te; t++) {
                        int j = t * NR;
                        // The input itself has no slack to read past: its last tile ends at the plane's
                        // end and overlaps the one before, whose lanes it leaves alone.
                        int skip = direct && j + NR > n ? j + NR - n : 0;
                        tile(w, s, k, src, srcOff, rowOff, j - skip, skip, n, g, out, outOff, ep, chOff, z, zOff, tmp);
                    }
                }
            }
        });
    }

    /** One tile at virtual pixel j; with {@code skip > 0} (direct geometry only) its first lanes are not stored. */
    private static void tile(PackedRows w, int strip, int k, float[] src, int srcOff, int[] rowOff, int j,
            int skip, int n, ConvGeometry g, float[] out, int outOff, Epilogue ep, int chOff, float[] z, int zOff,
            float[] tmp) {
        float[] a = w.data;
        int ao = strip * k * MR;
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        int base = srcOff + j;
        for (int kk = 0; kk < k; kk++) {
            int o = base + rowOff[kk];
            FloatVector b0 = FloatVector.fromArray(S, src, o);
            FloatVector b1 = FloatVector.fromArray(S, src, o + V);
            int q = ao + kk * MR;
            FloatVector a0 = FloatVector.broadcast(S, a[q]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[q + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[q + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[q + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
        }
        int m0 = strip * MR;
        int rows = Math.min(MR, w.rows - m0);
        int plane = g.outSize();
        int p0 = outOff + m0 * plane;
        int count = Math.min(NR, n - j);
        int pos = count == NR && skip == 0 ? OutputTile.directPosition(j, NR, g) : -1;
        if (pos >= 0) {
            c00.intoArray(out, p0 + pos);
            c01.intoArray(out, p0 + pos + V);
            if (rows > 1) {
                c10.intoArray(out, p0 + plane + pos);
                c11.intoArray(out, p0 + plane + pos + V);
            }
            if (rows > 2) {
                c20.intoArray(out, p0 + 2 * plane + pos);
                c21.intoArray(out, p0 + 2 * plane + pos + V);
            }
            if (rows > 3) {
                c30.intoArray(out, p0 + 3 * plane + pos);
                c31.intoArray(out, p0 + 3 * plane + pos + V);
            }
            if (!ep.isIdentity() || z != null) {
                finishTile(ep, m0, rows, j, pos, plane, p0, g, out, outOff, chOff, z, zOff);
            }
            return;
        }
        c00.intoArray(tmp, 0);
        c01.intoArray(tmp, V);
        c10.intoArray(tmp, NR);
        c11.intoArray(tmp, NR + V);
        c20.intoArray(tmp, 2 * NR);
        c21.intoArray(tmp, 2 * NR + V);
        c30.intoArray(tmp, 3 * NR);
        c31.intoArray(tmp, 3 * NR + V);
        storeRaw(tmp, rows, pos, skip, j, count, g, out, p0, plane);
        OutputTile.epilogue(ep, m0, m0 + rows, j + skip, j + count, g, out, outOff, chOff, z, zOff);
    }

    /** The epilogue on a tile stored whole at {@code pos}, while it is in L1. */
    private static void finishTile(Epilogue ep, int m0, int rows, int j, int pos, int plane, int p0,
            ConvGeometry g, float[] out, int outOff, int chOff, float[] z, int zOff) {
        if (!ep.isSimple()) {
            OutputTile.epilogue(ep, m0, m0 + rows, j, j + NR, g, out, outOff, chOff, z, zOff);
            return;
        }
        int zp = zOff + m0 * plane + pos;
        for (int q = 0; q < 2 * rows; q++) {
            int r = q >> 1;
            int at = r * plane + (q & 1) * V;
            simple(FloatVector.fromArray(S, out, p0 + pos + at), ep, chOff + m0 + r, z, zp + at)
                    .intoArray(out, p0 + pos + at);
        }
    }

    /** One vector of an output row with an {@link Epilogue#isSimple} epilogue applied. */
    private static FloatVector simple(FloatVector v, Epilogue ep, int ch, float[] z, int zp) {
        float[] bias = ep.bias();
        if (bias != null) {
            v = v.add(bias[ch]);
        }
        if (z != null) {
            v = v.add(FloatVector.fromArray(S, z, zp));
        }
        Activation a = ep.act();
        if (a == Activation.NONE) {
            return v;
        }
        if (a == Activation.CLIP) {
            v = v.blend(ep.alpha(), v.compare(VectorOperators.LT, ep.alpha()));
            return v.blend(ep.beta(), v.compare(VectorOperators.GT, ep.beta()));
        }
        return v.blend(v.mul(ep.lowFactor(ch)), v.compare(VectorOperators.LT, 0f));
    }

    /**
     * Stores a tile's raw sums (row r at {@code tmp[r * NR]}): whole rows at {@code pos}, rows
     * past their {@code skip} first lanes, or lane runs across output row ends.
     */
    private static void storeRaw(float[] tmp, int rows, int pos, int skip, int j, int count, ConvGeometry g,
            float[] out, int p0, int plane) {
        for (int r = 0; r < rows; r++) {
            int row = p0 + r * plane;
            if (skip > 0) {
                System.arraycopy(tmp, r * NR + skip, out, row + j + skip, NR - skip);
            } else if (pos >= 0) {
                System.arraycopy(tmp, r * NR, out, row + pos, NR);
            } else {
                OutputTile.scatter(tmp, r * NR, j, count, g, out, row);
            }
        }
    }

    /**
     * The direct convolution of one image and group in plain loops: input planes [C][inH][inW],
     * filter [M][C][kh][kw], output planes [M][outH][outW] with the epilogue applied.
     */
    public static void reference(float[] x, int xOff, float[] filter, int fOff, int m, ConvGeometry g,
            float[] out, int outOff, Epilogue ep, int chOff, float[] z, int zOff) {
        int c = g.channels;
        for (int o = 0; o < m; o++) {
            for (int oy = 0; oy < g.outH; oy++) {
                for (int ox = 0; ox < g.outW; ox++) {
                    double sum = 0;
                    for (int ch = 0; ch < c; ch++) {
                        for (int i = 0; i < g.kh; i++) {
                            int iy = oy * g.strideH - g.padTop + i * g.dilH;
                            if (iy < 0 || iy >= g.inH) {
                                continue;
                            }
                            for (int jj = 0; jj < g.kw; jj++) {
                                int ix = ox * g.strideW - g.padLeft + jj * g.dilW;
                                if (ix >= 0 && ix < g.inW) {
                                    sum += (double) x[xOff + (ch * g.inH + iy) * g.inW + ix]
                                            * filter[fOff + ((o * c + ch) * g.kh + i) * g.kw + jj];
                                }
                            }
                        }
                    }
                    int p = (o * g.outH + oy) * g.outW + ox;
                    out[outOff + p] = ep.apply((float) sum, chOff + o, z == null ? 0f : z[zOff + p]);
                }
            }
        }
    }
}
