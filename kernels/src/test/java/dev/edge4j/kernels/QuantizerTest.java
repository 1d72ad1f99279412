package dev.edge4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Quantization round trips and ranges against their definitions, ties included. */
@Tag("kernel")
class QuantizerTest {
    private final Random rnd = new Random();

    @Test
    void roundTripMatchesTheDefinitionIncludingTies() {
        for (int n : new int[] {1, 5, Vectors.S.length() + 3, 200}) {
            float[] x = KernelTesting.random(rnd, n);
            float[] r = Quantizer.range(x, 0, n);
            float scale = (r[1] - r[0]) / 255f;
            int zp = (int) Math.max(0, Math.min(255, Math.rint(-r[0] / scale)));
            // Exact ties: x / scale = k + 0.5 must round to the even neighbour.
            x[0] = 2.5f * scale;
            float[] y = new float[n];
            Quantizer.roundTripU8(x, 0, scale, zp, y, 0, n);
            byte[] q = new byte[n];
            Quantizer.quantizeU8(x, 0, scale, zp, q, 0, n);
            for (int i = 0; i < n; i++) {
                assertThat(y[i]).as("x=%s", x[i]).isEqualTo(Quantizer.referenceRoundTripU8(x[i], scale, zp));
                double want = Math.max(0, Math.min(255, Math.rint(x[i] / scale) + zp));
                assertThat(q[i] & 0xff).as("q(%s)", x[i]).isEqualTo((int) want);
            }
            float min = 0;
            float max = 0;
            for (float v : x) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            float[] r2 = Quantizer.range(x, 0, n);
            assertThat(r2).containsExactly(min, max);
        }
    }

    @Test
    void aZeroScaleGivesTheZeroPoint() {
        float[] x = new float[7];
        byte[] q = new byte[7];
        Quantizer.quantizeU8(x, 0, 0f, 3, q, 0, 7);
        assertThat(q).containsOnly((byte) 3);
        float[] y = {1, 1, 1};
        Quantizer.roundTripU8(x, 0, 0f, 3, y, 0, 3);
        assertThat(y).containsOnly(0f);
    }
}
