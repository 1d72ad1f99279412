package dev.edge4j.llm.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The element-wise kernels of a transformer block against their scalar references. */
@Tag("kernel")
class VectorOpsTest {
    private static final int[] SIZES = {1, 7, 64, 97, 896, 4099};

    @Test
    void expGivesTheSameBitsInLanesAndScalarsAndMatchesMathExp() {
        Random random = new Random(1);
        float[] x = new float[Lanes.FL];
        float[] out = new float[Lanes.FL];
        // Many rounds, so the vector code runs compiled as well as interpreted.
        for (int round = 0; round < 20000; round++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = round % 100 == 0 && i == 0 ? -100f : (float) (random.nextDouble() * 180 - 90);
            }
            VectorOps.exp(FloatVector.fromArray(Lanes.F, x, 0)).intoArray(out, 0);
            for (int i = 0; i < x.length; i++) {
                float scalar = VectorOps.exp(x[i]);
                assertThat(Float.floatToRawIntBits(out[i])).as("exp(%s)", x[i]).isEqualTo(Float.floatToRawIntBits(scalar));
                if (x[i] > -87 && x[i] < 88) {
                    double exact = Math.exp(x[i]);
                    assertThat((double) scalar).as("exp(%s)", x[i]).isCloseTo(exact, within(exact * 3e-7));
                }
            }
        }
        assertThat(VectorOps.exp(-1000f)).isZero();
        assertThat(VectorOps.exp(1000f)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(VectorOps.exp(-100f)).isCloseTo((float) Math.exp(-100), within(2e-45f));
        assertThat(VectorOps.exp(0f)).isEqualTo(1f);
    }

    @Test
    void lanesAreSummedInOneOrderWarmOrCold() {
        Random random = new Random(2);
        float[] x = new float[Lanes.FL];
        for (int round = 0; round < 20000; round++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(8) - 4));
            }
            float expected = tree(x, 0, x.length);
            assertThat(Lanes.sum(FloatVector.fromArray(Lanes.F, x, 0))).isEqualTo(expected);
        }
    }

    /** Lane i plus lane i + n/2, recursively: the order Lanes.sum promises. */
    private static float tree(float[] x, int from, int n) {
        float[] v = java.util.Arrays.copyOfRange(x, from, from + n);
        for (int half = n / 2; half >= 1; half /= 2) {
            float[] next = new float[n];
            for (int i = 0; i < n; i++) {
                next[i] = v[i] + v[(i + half) % n];
            }
            v = next;
        }
        return v[0];
    }

    @Test
    void rmsNormMatchesItsReference() {
        Random random = new Random(3);
        for (int n : SIZES) {
            float[] x = gaussian(random, n + 5);
            float[] w = gaussian(random, n);
            float[] fast = new float[n + 3];
            float[] ref = new float[n + 3];
            VectorOps.rmsNorm(x, 5, w, 1e-6f, fast, 3, n);
            VectorOps.rmsNormReference(x, 5, w, 1e-6f, ref, 3, n);
            for (int i = 3; i < n + 3; i++) {
                assertThat(fast[i]).as("n=%d i=%d", n, i).isCloseTo(ref[i], within(1e-5f * (1 + Math.abs(ref[i]))));
            }
        }
    }

    @Test
    void swigluMatchesItsReference() {
        Random random = new Random(4);
        for (int n : SIZES) {
            float[] gate = gaussian(random, n + 2);
            for (int i = 0; i < gate.length; i++) {
                gate[i] *= 10;
            }
            float[] up = gaussian(random, n + 2);
            float[] ref = gate.clone();
            VectorOps.swiglu(gate, up, 2, n);
            VectorOps.swigluReference(ref, up, 2, n);
            for (int i = 2; i < n + 2; i++) {
                assertThat(gate[i]).as("n=%d i=%d", n, i).isCloseTo(ref[i], within(1e-5f * (1 + Math.abs(ref[i]))));
            }
        }
    }

    @Test
    void softmaxMatchesItsReferenceAndSumsToOne() {
        Random random = new Random(5);
        for (int n : SIZES) {
            float[] x = gaussian(random, n + 1);
            for (int i = 0; i < x.length; i++) {
                x[i] *= 20;
            }
            float[] ref = x.clone();
            VectorOps.softmax(x, 1, n);
            VectorOps.softmaxReference(ref, 1, n);
            double sum = 0;
            for (int i = 1; i < n + 1; i++) {
                assertThat(x[i]).as("n=%d i=%d", n, i).isCloseTo(ref[i], within(1e-6f + 1e-5f * ref[i]));
                sum += x[i];
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void axpyAddAndDotMatchPlainLoops() {
        Random random = new Random(6);
        for (int n : SIZES) {
            float[] x = gaussian(random, n);
            float[] y = gaussian(random, n);
            float[] y2 = y.clone();
            float[] y3 = y.clone();
            VectorOps.axpy(0.75f, x, 0, y, 0, n);
            VectorOps.add(y3, 0, x, 0, n);
            double dot = 0;
            for (int i = 0; i < n; i++) {
                assertThat(y[i]).isCloseTo(y2[i] + 0.75f * x[i], within(1e-6f));
                assertThat(y3[i]).isEqualTo(y2[i] + x[i]);
                dot += (double) x[i] * y2[i];
            }
            assertThat((double) VectorOps.dot(x, 0, y2, 0, n)).isCloseTo(dot, within(1e-4 * Math.sqrt(n)));
        }
    }

    @Test
    void attentionScoresOverTransposedKeysMatchPlainDots() {
        Random random = new Random(7);
        int dims = 64;
        int capacity = 300;
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment keys = arena.allocate(4L * dims * capacity * 2);
            float[][] k = new float[capacity][dims];
            for (int p = 0; p < capacity; p++) {
                for (int d = 0; d < dims; d++) {
                    k[p][d] = (float) random.nextGaussian();
                    // Head 1 of two: rows start after head 0's dims * capacity floats.
                    keys.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, (long) (dims + d) * capacity + p, k[p][d]);
                }
            }
            float[] q = gaussian(random, dims + 3);
            for (int positions : new int[] {1, 15, 16, 17, 97, 300}) {
                float[] out = new float[positions];
                VectorOps.scores(q, 3, dims, keys, 4L * dims * capacity, 4L * capacity, positions, 0.125f, out);
                for (int p = 0; p < positions; p++) {
                    double dot = 0;
                    for (int d = 0; d < dims; d++) {
                        dot += (double) q[3 + d] * k[p][d];
                    }
                    assertThat((double) out[p]).as("position %d of %d", p, positions).isCloseTo(dot * 0.125, within(1e-4 * dims));
                }
            }
        }
    }

    static float[] gaussian(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
