package dev.edge4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.core.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("kernel")
class GemmTest {
    private final Random rnd = new Random();

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextFloat() * 2 - 1;
        }
        return a;
    }

    /** Sizes of 1, odd, prime and larger than a cache; every transpose; alpha and beta. */
    @Test
    void matchesTheReferenceOnAwkwardSizes() {
        int[][] sizes = {{1, 1, 1}, {1, 97, 13}, {7, 1, 5}, {13, 17, 19}, {64, 64, 64}, {3, 129, 257},
            {131, 67, 1}, {333, 301, 257}};
        try (Parallel pool = Parallel.of(2)) {
            for (int[] s : sizes) {
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        check(s[0], s[1], s[2], ta, tb, 1f, 0f, pool);
                    }
                }
                check(s[0], s[1], s[2], false, false, 0.5f, 2f, pool);
            }
        }
    }

    @Test
    void leadingDimensionsAndOffsetsAreHonoured() {
        int m = 5;
        int n = 37;
        int k = 11;
        int lda = k + 3;
        int ldb = n + 2;
        int ldc = n + 5;
        float[] a = random(2 + m * lda);
        float[] b = random(4 + k * ldb);
        float[] c = random(1 + m * ldc);
        float[] ref = c.clone();
        try (Parallel pool = Parallel.of(2)) {
            Gemm.sgemm(false, false, m, n, k, 1f, a, 2, lda, b, 4, ldb, 0f, c, 1, ldc, pool);
        }
        Gemm.reference(false, false, m, n, k, 1f, a, 2, lda, b, 4, ldb, 0f, ref, 1, ldc);
        assertClose(c, ref, k);
    }

    private void check(int m, int n, int k, boolean ta, boolean tb, float alpha, float beta, Parallel pool) {
        float[] a = random(m * k);
        float[] b = random(k * n);
        float[] c = random(m * n);
        float[] ref = c.clone();
        int lda = ta ? m : k;
        int ldb = tb ? k : n;
        Gemm.sgemm(ta, tb, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, n, pool);
        Gemm.reference(ta, tb, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, ref, 0, n);
        assertClose(c, ref, k);
    }

    private static void assertClose(float[] got, float[] want, int k) {
        // Float sums of k products of values in [-1, 1] drift by about k * eps from the exact sum.
        double tol = 1e-6 * (k + 4) * 4;
        for (int i = 0; i < want.length; i++) {
            assertThat((double) got[i]).as("element %d", i).isCloseTo(want[i], org.assertj.core.data.Offset.offset(tol));
        }
    }
}
