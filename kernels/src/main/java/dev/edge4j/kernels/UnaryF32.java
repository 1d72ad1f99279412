package dev.edge4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise float functions over array runs, {@code y[yo + i] = f(x[xo + i])} (in place when
 * x and y are the same run): the activations of {@link Activation} and the unary math operators.
 * Each function is its own small vector loop, so the JIT keeps every vector in registers. The
 * scalar definitions are {@link Activation#apply(float, float, float, float)} and {@link #reference}.
 */
public final class UnaryF32 {
    private static final VectorSpecies<Float> S = Vectors.S;
    private static final int V = S.length();

    private UnaryF32() {}

    /** The functions beyond the activations. */
    public enum Fn {
        EXP, ERF, SQRT, NEG, ABS, RECIPROCAL
    }

    /** The scalar definition of {@code fn}. */
    public static float reference(Fn fn, float x) {
        return switch (fn) {
            case EXP -> (float) Math.exp(x);
            case ERF -> (float) Erf.reference(x);
            case SQRT -> (float) Math.sqrt(x);
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case RECIPROCAL -> 1f / x;
        };
    }

    /** Applies {@code fn} to a run. */
    public static void apply(Fn fn, float[] x, int xo, float[] y, int yo, int n) {
        switch (fn) {
            case EXP -> exp(x, xo, y, yo, n);
            case ERF -> erf(x, xo, y, yo, n);
            case SQRT -> sqrt(x, xo, y, yo, n);
            case NEG -> neg(x, xo, y, yo, n);
            case ABS -> abs(x, xo, y, yo, n);
            case RECIPROCAL -> reciprocal(x, xo, y, yo, n);
        }
    }

    /** Applies an activation with a single slope for PRelu. */
    public static void apply(Activation a, float[] x, int xo, float[] y, int yo, int n, float slope, float alpha,
            float beta) {
        switch (a) {
            case NONE -> {
                if (x != y || xo != yo) {
                    System.arraycopy(x, xo, y, yo, n);
                }
            }
            case RELU -> relu(x, xo, y, yo, n);
            case LEAKY_RELU -> leaky(x, xo, y, yo, n, alpha);
            case PRELU -> leaky(x, xo, y, yo, n, slope);
            case CLIP -> clip(x, xo, y, yo, n, alpha, beta);
            case SIGMOID -> sigmoid(x, xo, y, yo, n);
            case HARD_SIGMOID -> hardSigmoid(x, xo, y, yo, n, alpha, beta);
            case HARD_SWISH -> hardSwish(x, xo, y, yo, n);
            case TANH -> tanh(x, xo, y, yo, n);
            case GELU -> gelu(x, xo, y, yo, n);
        }
    }

    public static void relu(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            v.blend(0f, v.compare(VectorOperators.LT, 0f)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float v = x[xo + i];
            y[yo + i] = v < 0 ? 0f : v;
        }
    }

    public static void leaky(float[] x, int xo, float[] y, int yo, int n, float alpha) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            v.blend(v.mul(alpha), v.compare(VectorOperators.LT, 0f)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float v = x[xo + i];
            y[yo + i] = v < 0 ? v * alpha : v;
        }
    }

    /** PRelu with a slope per element: {@code y = x < 0 ? x * s[so + i] : x}. */
    public static void prelu(float[] x, int xo, float[] s, int so, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            FloatVector sl = FloatVector.fromArray(S, s, so + i);
            v.blend(v.mul(sl), v.compare(VectorOperators.LT, 0f)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float v = x[xo + i];
            y[yo + i] = v < 0 ? v * s[so + i] : v;
        }
    }

    public static void clip(float[] x, int xo, float[] y, int yo, int n, float lo, float hi) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            v = v.blend(lo, v.compare(VectorOperators.LT, lo));
            v.blend(hi, v.compare(VectorOperators.GT, hi)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = Activation.CLIP.apply(x[xo + i], lo, hi);
        }
    }

    public static void sigmoid(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            Vectors.sigmoid(v).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = Activation.SIGMOID.apply(x[xo + i], 0, 0);
        }
    }

    public static void hardSigmoid(float[] x, int xo, float[] y, int yo, int n, float alpha, float beta) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            v.mul(alpha).add(beta).max(0f).min(1f).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = Activation.HARD_SIGMOID.apply(x[xo + i], alpha, beta);
        }
    }

    public static void hardSwish(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            v.mul(v.div(6f).add(0.5f).max(0f).min(1f)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = Activation.HARD_SWISH.apply(x[xo + i], 0, 0);
        }
    }

    public static void tanh(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            Vectors.tanh(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = (float) Math.tanh(x[xo + i]);
        }
    }

    public static void gelu(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            Vectors.gelu(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = Activation.GELU.apply(x[xo + i], 0, 0);
        }
    }

    public static void exp(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            Vectors.exp(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = (float) Math.exp(x[xo + i]);
        }
    }

    public static void erf(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            Vectors.erf(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = (float) Erf.reference(x[xo + i]);
        }
    }

    public static void sqrt(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector.fromArray(S, x, xo + i).lanewise(VectorOperators.SQRT).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = (float) Math.sqrt(x[xo + i]);
        }
    }

    public static void neg(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector.fromArray(S, x, xo + i).neg().intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = -x[xo + i];
        }
    }

    public static void abs(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector.fromArray(S, x, xo + i).abs().intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = Math.abs(x[xo + i]);
        }
    }

    public static void reciprocal(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector.broadcast(S, 1f).div(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = 1f / x[xo + i];
        }
    }

    /** {@code y[i] = x[i] * s[i]}. */
    public static void mul(float[] x, int xo, float[] s, int so, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector.fromArray(S, x, xo + i).mul(FloatVector.fromArray(S, s, so + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = x[xo + i] * s[so + i];
        }
    }

    /** {@code y[i] = x[i] + b}. */
    public static void addScalar(float[] x, int xo, float b, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector.fromArray(S, x, xo + i).add(b).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = x[xo + i] + b;
        }
    }

    /** {@code y[i] = x[i] + b + z[i]}. */
    public static void addScalarAndRun(float[] x, int xo, float b, float[] z, int zo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector.fromArray(S, x, xo + i).add(b).add(FloatVector.fromArray(S, z, zo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = x[xo + i] + b + z[zo + i];
        }
    }

    /** {@code y[i] = x[i] + b[bo + i] (+ z[zo + i] when z is not null)}. */
    public static void addRuns(float[] x, int xo, float[] b, int bo, float[] z, int zo, float[] y, int yo, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (z == null) {
            for (; i < bound; i += V) {
                FloatVector.fromArray(S, x, xo + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
            for (; i < n; i++) {
                y[yo + i] = x[xo + i] + b[bo + i];
            }
        } else if (b == null) {
            for (; i < bound; i += V) {
                FloatVector.fromArray(S, x, xo + i).add(FloatVector.fromArray(S, z, zo + i)).intoArray(y, yo + i);
            }
            for (; i < n; i++) {
                y[yo + i] = x[xo + i] + z[zo + i];
            }
        } else {
            for (; i < bound; i += V) {
                FloatVector.fromArray(S, x, xo + i).add(FloatVector.fromArray(S, b, bo + i))
                        .add(FloatVector.fromArray(S, z, zo + i)).intoArray(y, yo + i);
            }
            for (; i < n; i++) {
                y[yo + i] = x[xo + i] + b[bo + i] + z[zo + i];
            }
        }
    }
}
