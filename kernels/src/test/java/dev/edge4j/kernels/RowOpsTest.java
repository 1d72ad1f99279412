package dev.edge4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Softmax, log-softmax and layer normalization rows against double-precision definitions. */
@Tag("kernel")
class RowOpsTest {
    private final Random rnd = new Random();

    @Test
    void rowsMatchTheReference() {
        for (int n : new int[] {1, 2, 7, 16, 17, 31, 128, 384, 1000}) {
            float[] x = KernelTesting.random(rnd, n + 3);
            for (int i = 0; i < x.length; i++) {
                x[i] *= 8;
            }
            float[] gamma = KernelTesting.random(rnd, n);
            float[] beta = KernelTesting.random(rnd, n);
            float[] got = new float[n + 1];
            float[] want = new float[n + 1];
            RowOps.softmax(x, 3, got, 1, n);
            RowOps.referenceSoftmax(x, 3, want, 1, n);
            KernelTesting.assertClose(got, want, 1, n, 2e-6, "softmax " + n);
            RowOps.logSoftmax(x, 3, got, 1, n);
            RowOps.referenceLogSoftmax(x, 3, want, 1, n);
            KernelTesting.assertClose(got, want, 1, n, 2e-6, "log-softmax " + n);
            RowOps.layerNorm(x, 3, got, 1, n, gamma, beta, 1e-5f);
            RowOps.referenceLayerNorm(x, 3, want, 1, n, gamma, beta, 1e-5f);
            KernelTesting.assertClose(got, want, 1, n, 1e-5, "layer norm " + n);
            RowOps.layerNorm(x, 3, got, 1, n, null, null, 1e-12f);
            RowOps.referenceLayerNorm(x, 3, want, 1, n, null, null, 1e-12f);
            KernelTesting.assertClose(got, want, 1, n, 1e-5, "layer norm without affine " + n);
        }
    }

    @Test
    void shortRowsMatchTheReference() {
        for (int n : new int[] {1, 2, 3, 5, 15}) {
            for (int rows : new int[] {1, 7, 113, 4421}) {
                float[] x = KernelTesting.random(rnd, rows * n + 2);
                for (int i = 0; i < x.length; i++) {
                    x[i] *= 8;
                }
                float[] got = new float[rows * n + 1];
                float[] want = new float[rows * n + 1];
                RowOps.softmaxShortRows(x, 2, got, 1, rows, n);
                for (int r = 0; r < rows; r++) {
                    RowOps.referenceSoftmax(x, 2 + r * n, want, 1 + r * n, n);
                }
                KernelTesting.assertClose(got, want, 1, rows * n, 2e-6, "softmax of " + rows + " rows of " + n);
            }
        }
    }

    @Test
    void scaleAddMatchesScalarArithmetic() {
        for (int n : new int[] {1, 5, 16, 31, 128, 1001}) {
            float[] x = KernelTesting.random(rnd, n + 1);
            float[] m = KernelTesting.random(rnd, n + 2);
            float[] got = new float[n + 3];
            for (boolean divide : new boolean[] {true, false}) {
                RowOps.scaleAdd(x, 1, 5.656854f, divide, m, 2, got, 3, n);
                for (int i = 0; i < n; i++) {
                    float want = (divide ? x[1 + i] / 5.656854f : x[1 + i] * 5.656854f) + m[2 + i];
                    assertThat(got[3 + i]).as("n=%d i=%d", n, i).isEqualTo(want);
                }
            }
        }
    }

    @Test
    void softmaxKeepsLargeAndTinyValuesFinite() {
        float[] x = {1e30f, -1e30f, 0f, 88f, -88f, 3f, 3f, 3f, 3f, 3f, 3f, 3f, 3f, 3f, 3f, 3f, 3f, 3f};
        float[] got = new float[x.length];
        float[] want = new float[x.length];
        RowOps.softmax(x, 0, got, 0, x.length);
        RowOps.referenceSoftmax(x, 0, want, 0, x.length);
        KernelTesting.assertClose(got, want, 0, x.length, 1e-6, "extremes");
    }
}
