package dev.edge4j.kernels;

/**
 * Where a tile of virtual pixels (see {@link ConvGeometry}) lands in the output planes, and the
 * slow path for tiles that cross an output row's end: their lanes are copied one by one, skipping
 * the discarded columns.
 */
final class OutputTile {
    private OutputTile() {}

    /**
     * The output index of virtual pixel {@code j} when the run [j, j + width) lies inside one
     * output row (or the output has no discarded columns), else -1.
     */
    static int directPosition(int j, int width, ConvGeometry g) {
        int wq = g.wq;
        if (wq == g.outW) {
            return j;
        }
        int oy = j / wq;
        int ox = j - oy * wq;
        return ox + width <= g.outW ? oy * g.outW + ox : -1;
    }

    /** How many output pixels come before virtual pixel {@code j}. */
    static int outputIndex(int j, ConvGeometry g) {
        int oy = j / g.wq;
        return oy * g.outW + Math.min(j - oy * g.wq, g.outW);
    }

    /** Copies the valid lanes of {@code tmp[from .. from + count)}, virtual pixels from j, into a plane. */
    static void scatter(float[] tmp, int from, int j, int count, ConvGeometry g, float[] out, int plane) {
        int wq = g.wq;
        int outW = g.outW;
        int oy = j / wq;
        int ox = j - oy * wq;
        int l = 0;
        while (l < count) {
            int run = Math.min(count - l, wq - ox);
            int valid = Math.min(run, outW - ox);
            if (valid > 0) {
                System.arraycopy(tmp, from + l, out, plane + oy * outW + ox, valid);
            }
            l += run;
            ox = 0;
            oy++;
        }
    }

    /** Applies the epilogue to output channels [m0, m1) over the output pixels of virtual run [j, jEnd). */
    static void epilogue(Epilogue ep, int m0, int m1, int j, int jEnd, ConvGeometry g, float[] out, int outOff,
            int chOff, float[] z, int zOff) {
        if (ep.isIdentity() && z == null) {
            return;
        }
        int p0 = outputIndex(j, g);
        int count = outputIndex(jEnd, g) - p0;
        if (count <= 0) {
            return;
        }
        int plane = g.outSize();
        for (int m = m0; m < m1; m++) {
            ep.applyRow(out, outOff + m * plane + p0, count, chOff + m, z, zOff + m * plane + p0);
        }
    }
}
