package dev.edge4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The vector loops of the activations and unary functions against their scalar definitions (on
 * runs longer and shorter than a vector), and erf against the double reference.
 */
@Tag("kernel")
class ActivationTest {
    private final Random rnd = new Random();

    @Test
    void vectorFormsMatchTheScalarDefinitions() {
        int v = Vectors.S.length();
        float[] x = new float[v];
        float[] slope = new float[v];
        float[] got = new float[v];
        for (Activation a : Activation.values()) {
            for (int round = 0; round < 200; round++) {
                for (int i = 0; i < v; i++) {
                    x[i] = (rnd.nextFloat() * 2 - 1) * (round < 100 ? 4 : 40);
                    slope[i] = rnd.nextFloat();
                }
                if (a == Activation.PRELU) {
                    UnaryF32.prelu(x, 0, slope, 0, got, 0, v);
                } else {
                    UnaryF32.apply(a, x, 0, got, 0, v, 0f, -0.5f, 0.7f);
                }
                for (int i = 0; i < v; i++) {
                    float want = a.apply(x[i], slope[i], -0.5f, 0.7f);
                    assertThat((double) Math.abs(got[i] - want)).as("%s(%s)", a, x[i])
                            .isLessThanOrEqualTo(2e-6 * Math.max(1, Math.abs(want)));
                }
            }
        }
    }

    @Test
    void unaryFunctionsMatchTheirDefinitionsOnAwkwardRuns() {
        for (UnaryF32.Fn fn : UnaryF32.Fn.values()) {
            for (int n : new int[] {1, 3, Vectors.S.length() + 1, 37, 100}) {
                float[] x = new float[n + 2];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (rnd.nextFloat() * 2 - 1) * 5;
                    if (fn == UnaryF32.Fn.SQRT) {
                        x[i] = Math.abs(x[i]);
                    }
                }
                float[] y = new float[n + 1];
                UnaryF32.apply(fn, x, 2, y, 1, n);
                for (int i = 0; i < n; i++) {
                    float want = UnaryF32.reference(fn, x[i + 2]);
                    assertThat((double) Math.abs(y[i + 1] - want)).as("%s(%s)", fn, x[i + 2])
                            .isLessThanOrEqualTo(3e-6 * Math.max(1, Math.abs(want)));
                }
            }
        }
    }

    @Test
    void nanPassesThroughEveryActivation() {
        float[] x = new float[Vectors.S.length()];
        java.util.Arrays.fill(x, Float.NaN);
        float[] got = new float[x.length];
        for (Activation a : Activation.values()) {
            if (a == Activation.HARD_SIGMOID || a == Activation.HARD_SWISH) {
                continue; // defined through min/max, which ONNX leaves open for NaN
            }
            UnaryF32.apply(a, x, 0, got, 0, x.length, 0.5f, 0f, 6f);
            assertThat(got[0]).as("%s(NaN)", a).isNaN();
            assertThat(a.apply(Float.NaN, 0.5f, 0f, 6f)).as("scalar %s(NaN)", a).isNaN();
        }
    }

    @Test
    void erfIsWithinAFewUlpsEverywhere() {
        int v = Vectors.S.length();
        float[] x = new float[v];
        float[] got = new float[v];
        double worst = 0;
        for (int round = 0; round < 20000; round++) {
            for (int i = 0; i < v; i++) {
                x[i] = (float) ((rnd.nextDouble() * 2 - 1) * (round % 3 == 0 ? 0.1 : round % 3 == 1 ? 3 : 10));
            }
            Vectors.erf(FloatVector.fromArray(Vectors.S, x, 0)).intoArray(got, 0);
            for (int i = 0; i < v; i++) {
                worst = Math.max(worst, Math.abs(got[i] - Erf.reference(x[i])));
            }
        }
        assertThat(worst).as("4 float ulps of 1").isLessThan(4.8e-7);
        assertThat(Erf.reference(0.5)).isCloseTo(0.5204998778130465, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(Erf.reference(-3)).isCloseTo(-0.9999779095030014, org.assertj.core.data.Offset.offset(1e-15));
    }
}
