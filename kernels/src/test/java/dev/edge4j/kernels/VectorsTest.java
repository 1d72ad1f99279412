package dev.edge4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The vector exp and sigmoid against the double-precision functions, lane by lane. */
@Tag("kernel")
class VectorsTest {
    private final Random rnd = new Random();

    private static float[] apply(float[] x, boolean sigmoid) {
        int v = Vectors.S.length();
        float[] in = java.util.Arrays.copyOf(x, (x.length + v - 1) / v * v);
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i += v) {
            FloatVector a = FloatVector.fromArray(Vectors.S, in, i);
            (sigmoid ? Vectors.sigmoid(a) : Vectors.exp(a)).intoArray(out, i);
        }
        return java.util.Arrays.copyOf(out, x.length);
    }

    @Test
    void expIsWithinTwoUlpsEverywhere() {
        float[] x = new float[20000];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (i % 4) {
                case 0 -> (rnd.nextFloat() * 2 - 1) * 88f;
                case 1 -> (rnd.nextFloat() * 2 - 1) * 2f;
                case 2 -> -87f - rnd.nextFloat() * 16f;
                default -> 80f + rnd.nextFloat() * 8.7f;
            };
        }
        float[] got = apply(x, false);
        for (int i = 0; i < x.length; i++) {
            float want = (float) Math.exp(x[i]);
            // Subnormal results carry fewer bits: compare them absolutely.
            double tol = want < Float.MIN_NORMAL ? Float.MIN_VALUE * 2 : 2 * Math.ulp(want);
            assertThat((double) Math.abs(got[i] - want)).as("exp(%s) = %s, want %s", x[i], got[i], want)
                    .isLessThanOrEqualTo(tol);
        }
    }

    @Test
    void expOfSpecialValues() {
        float[] x = {0f, -0f, 1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 88.72f, 88.73f,
            89f, 1000f, -103.9f, -104f, -1000f, -10000f};
        float[] got = apply(x, false);
        assertThat(got[0]).isEqualTo(1f);
        assertThat(got[1]).isEqualTo(1f);
        assertThat(got[2]).isCloseTo((float) Math.E, org.assertj.core.api.Assertions.within(Math.ulp((float) Math.E)));
        assertThat(got[3]).isNaN();
        assertThat(got[4]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(got[5]).isEqualTo(0f);
        assertThat(got[6]).isCloseTo((float) Math.exp(88.72f), org.assertj.core.api.Assertions.within(2 * Math.ulp(3.3e38f)));
        assertThat(got[7]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(got[8]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(got[9]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(got[10]).isLessThanOrEqualTo(Float.MIN_VALUE * 2);
        assertThat(got[11]).isEqualTo(0f);
        assertThat(got[12]).isEqualTo(0f);
        assertThat(got[13]).isEqualTo(0f);
    }

    @Test
    void sigmoidIsCloseToTheDefinition() {
        float[] x = new float[5003];
        for (int i = 0; i < x.length; i++) {
            x[i] = (rnd.nextFloat() * 2 - 1) * 40f;
        }
        float[] got = apply(x, true);
        for (int i = 0; i < x.length; i++) {
            double want = 1 / (1 + Math.exp(-x[i]));
            assertThat((double) Math.abs(got[i] - want)).as("sigmoid(%s)", x[i]).isLessThanOrEqualTo(3e-7 * want + 1e-38);
        }
    }

    @Test
    void sumInOrderAddsTheLanesFirstToLast() {
        Random rnd = new Random(11);
        for (int t = 0; t < 2000; t++) {
            float[] lanes = new float[Vectors.S.length()];
            for (int i = 0; i < lanes.length; i++) {
                lanes[i] = (float) ((rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(12) - 6));
            }
            float expected = 0;
            for (float x : lanes) {
                expected += x;
            }
            assertThat(Vectors.sumInOrder(FloatVector.fromArray(Vectors.S, lanes, 0))).isEqualTo(expected);
        }
    }
}
