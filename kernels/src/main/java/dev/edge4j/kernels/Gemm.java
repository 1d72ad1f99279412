package dev.edge4j.kernels;

import dev.edge4j.core.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix multiply, {@code C = alpha * op(A) * op(B) + beta * C}, row-major with
 * leading dimensions, as BLAS's sgemm.
 *
 * <p>The fast path packs B into column panels two vectors wide and A into row strips of
 * {@link #MR} rows, then runs a register-blocked micro-kernel of {@code MR x 2} vector
 * accumulators with fused multiply-adds; tiles of C are spread over the thread pool.
 * {@link #reference} is the triple loop it must match.
 */
public final class Gemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    /** Columns of a B panel: two vectors. */
    private static final int NR = 2 * V;
    /** Rows of an A strip. */
    static final int MR = 4;
    /** Rows of C per task. */
    private static final int MB = 64;
    /** Below this many multiply-adds the packing costs more than it saves. */
    private static final long SMALL = 4096;

    private Gemm() {}

    /** The plain definition; beta 0 ignores C's old contents (NaNs included), as BLAS does. */
    public static void reference(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
            float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    float x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += (double) x * y;
                }
                int ci = cOff + i * ldc + j;
                float old = beta == 0 ? 0 : beta * c[ci];
                c[ci] = (float) (alpha * sum) + old;
            }
        }
    }

    /** {@code C = alpha * op(A) * op(B) + beta * C}, spread over {@code pool}. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
            float[] c, int cOff, int ldc, Parallel pool) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || (long) m * n * k < SMALL) {
            small(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int panels = (n + NR - 1) / NR;
        float[] bp = new float[panels * k * NR];
        packB(transB, n, k, b, bOff, ldb, bp, pool);
        int rowBlocks = (m + MB - 1) / MB;
        int threads = pool.threads();
        // Split columns too when there are few row blocks, so every thread has work.
        int colGroups = Math.max(1, Math.min(panels, (threads * 4 + rowBlocks - 1) / rowBlocks));
        int panelsPerGroup = (panels + colGroups - 1) / colGroups;
        int groups = (panels + panelsPerGroup - 1) / panelsPerGroup;
        pool.forEach(rowBlocks * groups, t -> {
            int rb = t / groups;
            int g = t % groups;
            int i0 = rb * MB;
            int i1 = Math.min(m, i0 + MB);
            int p0 = g * panelsPerGroup;
            int p1 = Math.min(panels, p0 + panelsPerGroup);
            float[] ap = new float[MR * k];
            float[] tmp = new float[NR];
            for (int i = i0; i < i1; i += MR) {
                int rows = Math.min(MR, i1 - i);
                packA(transA, i, rows, k, a, aOff, lda, ap);
                for (int p = p0; p < p1; p++) {
                    micro(ap, bp, p * k * NR, k, i, rows, p * NR, Math.min(NR, n - p * NR),
                            alpha, beta, c, cOff, ldc, tmp);
                }
            }
        });
    }

    private static void small(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
            float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0;
                for (int p = 0; p < k; p++) {
                    float x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += x * y;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = alpha * sum + (beta == 0 ? 0 : beta * c[ci]);
            }
        }
    }

    /** B (k x n after op) into panels of NR columns, each k rows deep; missing columns are 0. */
    private static void packB(boolean transB, int n, int k, float[] b, int bOff, int ldb, float[] bp, Parallel pool) {
        int panels = (n + NR - 1) / NR;
        pool.forRange(panels, 4, (start, end) -> {
            for (int p = start; p < end; p++) {
                int j0 = p * NR;
                int cols = Math.min(NR, n - j0);
                int base = p * k * NR;
                for (int kk = 0; kk < k; kk++) {
                    int dst = base + kk * NR;
                    if (!transB) {
                        System.arraycopy(b, bOff + kk * ldb + j0, bp, dst, cols);
                    } else {
                        for (int j = 0; j < cols; j++) {
                            bp[dst + j] = b[bOff + (j0 + j) * ldb + kk];
                        }
                    }
                }
            }
        });
    }

    /** Rows [i, i+rows) of op(A) into ap[kk * MR + r]; missing rows are 0. */
    private static void packA(boolean transA, int i, int rows, int k, float[] a, int aOff, int lda, float[] ap) {
        if (rows < MR) {
            java.util.Arrays.fill(ap, 0);
        }
        for (int r = 0; r < rows; r++) {
            if (!transA) {
                int src = aOff + (i + r) * lda;
                for (int kk = 0; kk < k; kk++) {
                    ap[kk * MR + r] = a[src + kk];
                }
            } else {
                for (int kk = 0; kk < k; kk++) {
                    ap[kk * MR + r] = a[aOff + kk * lda + i + r];
                }
            }
        }
    }

    private static void micro(float[] ap, float[] bp, int bBase, int k, int i, int rows, int j, int cols,
            float alpha, float beta, float[] c, int cOff, int ldc, float[] tmp) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        for (int kk = 0; kk < k; kk++) {
            int bo = bBase + kk * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + V);
            int ao = kk * MR;
            FloatVector a0 = FloatVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
        }
        store(c00, c01, tmp, 0, rows, i, j, cols, alpha, beta, c, cOff, ldc);
        store(c10, c11, tmp, 1, rows, i, j, cols, alpha, beta, c, cOff, ldc);
        store(c20, c21, tmp, 2, rows, i, j, cols, alpha, beta, c, cOff, ldc);
        store(c30, c31, tmp, 3, rows, i, j, cols, alpha, beta, c, cOff, ldc);
    }

    private static void store(FloatVector v0, FloatVector v1, float[] tmp, int r, int rows, int i, int j,
            int cols, float alpha, float beta, float[] c, int cOff, int ldc) {
        if (r >= rows) {
            return;
        }
        int row = cOff + (i + r) * ldc + j;
        if (cols == NR && alpha == 1 && beta == 0) {
            v0.intoArray(c, row);
            v1.intoArray(c, row + V);
            return;
        }
        v0.intoArray(tmp, 0);
        v1.intoArray(tmp, V);
        for (int q = 0; q < cols; q++) {
            c[row + q] = alpha * tmp[q] + (beta == 0 ? 0 : beta * c[row + q]);
        }
    }
}
