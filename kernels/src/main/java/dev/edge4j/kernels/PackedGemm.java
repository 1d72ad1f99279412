package dev.edge4j.kernels;

import dev.edge4j.core.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = epilogue(A * B)} with B packed ahead ({@link PackedColumns}): the matrix product of
 * a layer whose weights are constant. A (M x K, row-major with leading dimension {@code lda}) is
 * read in place. The micro-kernel keeps {@link PackedRows#MR} rows by two vectors of columns in
 * registers over the whole sum; the epilogue's bias and PRelu slope are per column, and a residual
 * Z (same shape as C) may be added before the activation.
 *
 * <p>{@link #reference} is the triple loop it must match.
 */
public final class PackedGemm {
    private static final VectorSpecies<Float> S = Vectors.S;
    private static final int V = S.length();
    private static final int NR = PackedColumns.NR;
    private static final int MR = PackedRows.MR;
    private static final long MIN_TASK = 1 << 15;

    private PackedGemm() {}

    public static void run(int m, float[] a, int aOff, int lda, PackedColumns b, float[] c, int cOff, int ldc,
            Epilogue ep, float[] z, int zOff, int ldz, Parallel pool) {
        int k = b.rows;
        int n = b.cols;
        if (m == 0 || n == 0) {
            return;
        }
        int strips = (m + MR - 1) / MR;
        int panels = (n + NR - 1) / NR;
        long work = (long) m * n * Math.max(1, k);
        int want = pool.threads() == 1 ? 1 : (int) Math.max(1, Math.min(pool.threads() * 4L, work / MIN_TASK));
        int panelGroups = Math.min(panels, want);
        int stripGroups = Math.max(1, Math.min(strips, want / panelGroups));
        int panelsPer = (panels + panelGroups - 1) / panelGroups;
        int stripsPer = (strips + stripGroups - 1) / stripGroups;
        int pg = (panels + panelsPer - 1) / panelsPer;
        int sg = (strips + stripsPer - 1) / stripsPer;
        pool.forEach(pg * sg, task -> {
            int p0 = (task / sg) * panelsPer;
            int p1 = Math.min(panels, p0 + panelsPer);
            int s0 = (task % sg) * stripsPer;
            int s1 = Math.min(strips, s0 + stripsPer);
            for (int p = p0; p < p1; p++) {
                for (int s = s0; s < s1; s++) {
                    tile(m, k, n, a, aOff, lda, b, p, s * MR, c, cOff, ldc);
                    if (!ep.isIdentity() || z != null) {
                        epilogue(m, n, p, s * MR, c, cOff, ldc, ep, z, zOff, ldz);
                    }
                }
            }
        });
    }

    /**
     * One MR x NR block of C as plain sums; the caller applies the epilogue ({@link #epilogue}).
     * With the epilogue's loop inside this method, one shape in some process starts failed a range
     * check the JIT had hoisted out of that loop, the JIT then compiled the whole method again
     * without hoisting any, and its inner loop ran 12-17% slower for the rest of the process
     * (MiniLM at 37-38 ms instead of 33 in 3 of 8 starts).
     */
    private static void tile(int m, int k, int n, float[] a, int aOff, int lda, PackedColumns b, int panel, int i,
            float[] c, int cOff, int ldc) {
        float[] bp = b.data;
        int bo = panel * k * NR;
        // Rows past the end repeat the last row: valid reads, results not stored.
        int r0 = aOff + i * lda;
        int r1 = aOff + Math.min(i + 1, m - 1) * lda;
        int r2 = aOff + Math.min(i + 2, m - 1) * lda;
        int r3 = aOff + Math.min(i + 3, m - 1) * lda;
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        for (int kk = 0; kk < k; kk++) {
            int o = bo + kk * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, o);
            FloatVector b1 = FloatVector.fromArray(S, bp, o + V);
            FloatVector a0 = FloatVector.broadcast(S, a[r0 + kk]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[r1 + kk]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[r2 + kk]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[r3 + kk]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
        }
        int j = panel * NR;
        int rows = Math.min(MR, m - i);
        int co = cOff + i * ldc + j;
        if (j + NR <= n) {
            c00.intoArray(c, co);
            c01.intoArray(c, co + V);
            if (rows > 1) {
                c10.intoArray(c, co + ldc);
                c11.intoArray(c, co + ldc + V);
            }
            if (rows > 2) {
                c20.intoArray(c, co + 2 * ldc);
                c21.intoArray(c, co + 2 * ldc + V);
            }
            if (rows > 3) {
                c30.intoArray(c, co + 3 * ldc);
                c31.intoArray(c, co + 3 * ldc + V);
            }
        } else {
            VectorMask<Float> m0 = S.indexInRange(j, n);
            VectorMask<Float> m1 = S.indexInRange(j + V, n);
            c00.intoArray(c, co, m0);
            c01.intoArray(c, co + V, m1);
            if (rows > 1) {
                c10.intoArray(c, co + ldc, m0);
                c11.intoArray(c, co + ldc + V, m1);
            }
            if (rows > 2) {
                c20.intoArray(c, co + 2 * ldc, m0);
                c21.intoArray(c, co + 2 * ldc + V, m1);
            }
            if (rows > 3) {
                c30.intoArray(c, co + 3 * ldc, m0);
                c31.intoArray(c, co + 3 * ldc + V, m1);
            }
        }
    }

    /** The epilogue over the block {@link #tile} wrote. */
    private static void epilogue(int m, int n, int panel, int i, float[] c, int cOff, int ldc, Epilogue ep,
            float[] z, int zOff, int ldz) {
        int j = panel * NR;
        int co = cOff + i * ldc + j;
        int cols = Math.min(NR, n - j);
        for (int r = 0; r < Math.min(MR, m - i); r++) {
            ep.applyColumns(c, co + r * ldc, cols, j, z, zOff + (i + r) * ldz + j);
        }
    }

    /** The plain definition: {@code C[i][j] = epilogue(sum_p A[i][p] * B[p][j])}, per-column channels. */
    public static void reference(int m, float[] a, int aOff, int lda, PackedColumns b, float[] c, int cOff, int ldc,
            Epilogue ep, float[] z, int zOff, int ldz) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < b.cols; j++) {
                double sum = 0;
                for (int p = 0; p < b.rows; p++) {
                    sum += (double) a[aOff + i * lda + p] * b.get(p, j);
                }
                float zv = z == null ? 0f : z[zOff + i * ldz + j];
                c[cOff + i * ldc + j] = ep.apply((float) sum, j, zv);
            }
        }
    }
}
