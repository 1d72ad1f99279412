package dev.edge4j.kernels;

import dev.edge4j.core.Parallel;

/**
 * Integer matrix multiply for quantized models: {@code C[m][n] = sum_k A[m][k] * B[k][n]} with
 * exact 32-bit accumulation, operands already shifted by their zero points. Rows are spread over
 * the pool; the inner loop runs along a row of B so it streams through memory.
 */
public final class GemmInt {
    private GemmInt() {}

    public static void reference(int m, int n, int k, int[] a, int aOff, int[] b, int bOff, int[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[aOff + i * k + p] * b[bOff + p * n + j];
                }
                c[cOff + i * n + j] = s;
            }
        }
    }

    public static void gemm(int m, int n, int k, int[] a, int aOff, int[] b, int bOff, int[] c, int cOff, Parallel pool) {
        pool.forRange(m, Math.max(1, 16384 / Math.max(1, n * k)), (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                int row = cOff + i * n;
                java.util.Arrays.fill(c, row, row + n, 0);
                for (int p = 0; p < k; p++) {
                    int av = a[aOff + i * k + p];
                    if (av == 0) {
                        continue;
                    }
                    int brow = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[row + j] += av * b[brow + j];
                    }
                }
            }
        });
    }
}
