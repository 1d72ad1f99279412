package dev.edge4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

/** Random data and comparisons shared by the kernel tests. */
final class KernelTesting {
    private KernelTesting() {}

    static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextFloat() * 2 - 1;
        }
        return a;
    }

    /** An epilogue of every kind in turn: none, bias only, each activation with a bias. */
    static Epilogue epilogue(Random rnd, int kind, int channels) {
        Activation[] acts = Activation.values();
        if (kind == 0) {
            return Epilogue.NONE;
        }
        float[] bias = random(rnd, channels);
        Activation a = acts[(kind - 1) % acts.length];
        float[] slope = a == Activation.PRELU ? random(rnd, rnd.nextBoolean() ? channels : 1) : null;
        float alpha = a == Activation.CLIP ? -0.3f : a == Activation.HARD_SIGMOID ? 0.2f : 0.1f;
        float beta = a == Activation.CLIP ? 0.4f : 0.5f;
        return new Epilogue(bias, a, slope, alpha, beta);
    }

    /** Every element within {@code tol} relative to the larger magnitude (absolute below 1). */
    static void assertClose(float[] got, float[] want, int off, int n, double tol, String what) {
        for (int i = off; i < off + n; i++) {
            if (got[i] == want[i]) {
                continue; // equal infinities too
            }
            double scale = Math.max(1, Math.abs(want[i]));
            assertThat(Math.abs(got[i] - want[i]) / scale).as("%s element %d: got %s want %s", what, i, got[i], want[i])
                    .isLessThanOrEqualTo(tol);
        }
    }
}
