package dev.edge4j.kernels;

import dev.edge4j.core.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The prepacked-weights GEMM with fused epilogues against the triple loop, on awkward sizes. */
@Tag("kernel")
class PackedGemmTest {
    private final Random rnd = new Random();

    @Test
    void matchesTheReferenceOnAwkwardSizes() {
        int[] sizes = {1, 2, 3, 5, 7, 16, 17, 31, 33, 64, 97, 130};
        for (int threads : new int[] {1, 2}) {
            try (Parallel pool = Parallel.of(threads)) {
                for (int round = 0; round < 80; round++) {
                    int m = sizes[rnd.nextInt(sizes.length)];
                    int k = sizes[rnd.nextInt(sizes.length)];
                    int n = sizes[rnd.nextInt(sizes.length)];
                    boolean trans = rnd.nextBoolean();
                    int lda = k + rnd.nextInt(3);
                    float[] a = KernelTesting.random(rnd, 2 + m * lda);
                    float[] b = KernelTesting.random(rnd, k * n + 1);
                    PackedColumns packed = PackedColumns.pack(b, 1, trans ? k : n, k, n, trans);
                    for (int r = 0; r < k; r++) {
                        for (int c = 0; c < n; c++) {
                            float want = trans ? b[1 + c * k + r] : b[1 + r * n + c];
                            org.assertj.core.api.Assertions.assertThat(packed.get(r, c)).isEqualTo(want);
                        }
                    }
                    Epilogue ep = KernelTesting.epilogue(rnd, round % 12, n);
                    int ldc = n + rnd.nextInt(3);
                    float[] z = round % 2 == 0 ? KernelTesting.random(rnd, m * ldc) : null;
                    float[] want = new float[m * ldc];
                    float[] got = new float[m * ldc];
                    PackedGemm.reference(m, a, 2, lda, packed, want, 0, ldc, ep, z, 0, ldc);
                    PackedGemm.run(m, a, 2, lda, packed, got, 0, ldc, ep, z, 0, ldc, pool);
                    for (int i = 0; i < m; i++) {
                        KernelTesting.assertClose(got, want, i * ldc, n, 1e-4,
                                "m=" + m + " k=" + k + " n=" + n + " " + ep.act() + " row " + i);
                    }
                }
            }
        }
    }
}
