package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.F;
import static dev.edge4j.llm.tensor.Lanes.FL;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** The element-wise and reduction steps of a transformer block, each beside its scalar reference. */
public final class VectorOps {
    private VectorOps() {}

    /**
     * {@code out = x / rms(x) * weight} over {@code n} values; {@code out} may be {@code x}. The
     * sum of squares is taken in double, one value after another, as ggml does.
     */
    public static void rmsNorm(float[] x, int xo, float[] weight, float eps, float[] out, int oo, int n) {
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += x[xo + i] * x[xo + i];
        }
        float scale = 1f / (float) Math.sqrt((float) (ss / n) + eps);
        int i = 0;
        for (; i + FL <= n; i += FL) {
            FloatVector.fromArray(F, x, xo + i).mul(scale).mul(FloatVector.fromArray(F, weight, i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = x[xo + i] * scale * weight[i];
        }
    }

    static void rmsNormReference(float[] x, int xo, float[] weight, float eps, float[] out, int oo, int n) {
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (double) x[xo + i] * x[xo + i];
        }
        float scale = (float) (1.0 / Math.sqrt(ss / n + eps));
        for (int i = 0; i < n; i++) {
            out[oo + i] = x[xo + i] * scale * weight[i];
        }
    }

    /**
     * {@code gate[i] = silu(gate[i]) * up[i]}: the SwiGLU of the feed-forward block. Lanes use
     * {@link #exp(FloatVector)}, leftover values the library exp, as ggml does.
     */
    public static void swiglu(float[] gate, float[] up, int offset, int n) {
        int i = 0;
        for (; i + FL <= n; i += FL) {
            FloatVector g = FloatVector.fromArray(F, gate, offset + i);
            FloatVector silu = g.div(exp(g.neg()).add(1f));
            silu.mul(FloatVector.fromArray(F, up, offset + i)).intoArray(gate, offset + i);
        }
        for (; i < n; i++) {
            float g = gate[offset + i];
            gate[offset + i] = g / (1f + (float) Math.exp(-g)) * up[offset + i];
        }
    }

    static void swigluReference(float[] gate, float[] up, int offset, int n) {
        for (int i = 0; i < n; i++) {
            float g = gate[offset + i];
            gate[offset + i] = (float) (g / (1.0 + Math.exp(-g))) * up[offset + i];
        }
    }

    /** {@code y[yo..] += x[xo..]} over {@code n} values. */
    public static void add(float[] y, int yo, float[] x, int xo, int n) {
        int i = 0;
        for (; i + FL <= n; i += FL) {
            FloatVector.fromArray(F, y, yo + i).add(FloatVector.fromArray(F, x, xo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += x[xo + i];
        }
    }

    /** {@code y[yo..] += a * x[xo..]} over {@code n} values. */
    public static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector av = FloatVector.broadcast(F, a);
        int i = 0;
        for (; i + FL <= n; i += FL) {
            FloatVector.fromArray(F, x, xo + i).fma(av, FloatVector.fromArray(F, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }

    /** {@code y[yo..] += a * x}, {@code x} being {@code n} floats at byte {@code xAt} of a segment. */
    public static void axpy(float a, java.lang.foreign.MemorySegment x, long xAt, float[] y, int yo, int n) {
        FloatVector av = FloatVector.broadcast(F, a);
        int i = 0;
        for (; i + FL <= n; i += FL) {
            FloatVector.fromMemorySegment(F, x, xAt + 4L * i, Lanes.LE).fma(av, FloatVector.fromArray(F, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += a * x.get(Lanes.FLOAT_LE, xAt + 4L * i);
        }
    }

    /**
     * Attention scores {@code out[p] = scale * q . k_p} for positions [0, positions), with the keys
     * stored transposed: dimension d of every position in a row starting at byte
     * {@code keys + d * rowBytes}. Positions go across the lanes; no horizontal sums.
     */
    public static void scores(float[] q, int qAt, int dims, java.lang.foreign.MemorySegment keys, long keysAt, long rowBytes,
                              int positions, float scale, float[] out) {
        int p = 0;
        for (; p + FL <= positions; p += FL) {
            FloatVector acc = FloatVector.zero(F);
            long at = keysAt + 4L * p;
            for (int d = 0; d < dims; d++) {
                acc = FloatVector.fromMemorySegment(F, keys, at + d * rowBytes, Lanes.LE).fma(FloatVector.broadcast(F, q[qAt + d]), acc);
            }
            acc.mul(scale).intoArray(out, p);
        }
        for (; p < positions; p++) {
            float acc = 0;
            for (int d = 0; d < dims; d++) {
                acc = Math.fma(keys.get(Lanes.FLOAT_LE, keysAt + 4L * p + d * rowBytes), q[qAt + d], acc);
            }
            out[p] = acc * scale;
        }
    }

    /** The dot product of {@code n} floats of {@code a} and of a segment from byte {@code bAt}. */
    public static float dot(float[] a, int ao, java.lang.foreign.MemorySegment b, long bAt, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (; i + FL <= n; i += FL) {
            acc = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromMemorySegment(F, b, bAt + 4L * i, Lanes.LE), acc);
        }
        float sum = Lanes.sum(acc);
        for (; i < n; i++) {
            sum += a[ao + i] * b.get(Lanes.FLOAT_LE, bAt + 4L * i);
        }
        return sum;
    }

    /** The dot product of {@code n} floats. */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        return MatMul.dot(a, ao, b, bo, n);
    }

    /**
     * Softmax of {@code x[xo .. xo+n)} in place; returns nothing, the values sum to 1. Subtracts
     * the maximum first so large logits do not overflow.
     */
    public static void softmax(float[] x, int xo, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[xo + i]);
        }
        // As ggml: lanes through the vector exp, each vector's sum added in double, then the rest.
        double sum = 0;
        int i = 0;
        FloatVector mv = FloatVector.broadcast(F, max);
        for (; i + FL <= n; i += FL) {
            FloatVector e = exp(FloatVector.fromArray(F, x, xo + i).sub(mv));
            e.intoArray(x, xo + i);
            sum += Lanes.sum(e);
        }
        for (; i < n; i++) {
            float e = (float) Math.exp(x[xo + i] - max);
            x[xo + i] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        i = 0;
        for (; i + FL <= n; i += FL) {
            FloatVector.fromArray(F, x, xo + i).mul(inv).intoArray(x, xo + i);
        }
        for (; i < n; i++) {
            x[xo + i] *= inv;
        }
    }

    // e^x = 2^n * e^b with n = round(x / ln 2) and b = x - n ln 2 (in two parts), e^b by a
    // degree-5 polynomial: the algorithm and constants of ggml's vectorized expf, written once for
    // lanes and once for scalars with the same fused operations, so both give the same bits as
    // each other (compiled or not, unlike lanewise EXP) and as llama.cpp.
    private static final float SHIFTER = 0x1.8p23f;
    private static final float LOG2E = 0x1.715476p+0f;
    private static final float LN2_HI = 0x1.62e4p-1f;
    private static final float LN2_LO = 0x1.7f7d1cp-20f;
    private static final float C1 = 0x1.ffffecp-1f;
    private static final float C2 = 0x1.fffdb6p-2f;
    private static final float C3 = 0x1.555e66p-3f;
    private static final float C4 = 0x1.573e2ep-5f;
    private static final float C5 = 0x1.0e4020p-7f;

    /** e^x in every lane, within 1.5 ulp; 0 below about -103, infinity above about 88.7. */
    public static FloatVector exp(FloatVector x) {
        FloatVector n = x.fma(LOG2E, SHIFTER).sub(SHIFTER);
        FloatVector b = n.neg().fma(FloatVector.broadcast(F, LN2_LO), n.neg().fma(FloatVector.broadcast(F, LN2_HI), x));
        FloatVector u = b.mul(b);
        FloatVector j = b.fma(C5, C4).fma(u, b.fma(C3, C2)).fma(u, b.fma(C1, 1f));
        jdk.incubator.vector.VectorMask<Float> big = n.abs().compare(VectorOperators.GT, 126f);
        if (!big.anyTrue()) {
            jdk.incubator.vector.IntVector e = ((jdk.incubator.vector.IntVector) n.convert(VectorOperators.F2I, 0))
                    .add(127).lanewise(VectorOperators.LSHL, 23);
            return j.mul(e.reinterpretAsFloats());
        }
        float[] lanes = j.toArray();
        float[] ns = n.toArray();
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = scale(lanes[i], ns[i]);
        }
        return FloatVector.fromArray(Lanes.F, lanes, 0);
    }

    /** e^x, the same bits as {@link #exp(FloatVector)} gives for each lane. */
    public static float exp(float x) {
        float n = Math.fma(x, LOG2E, SHIFTER) - SHIFTER;
        float b = Math.fma(-n, LN2_LO, Math.fma(-n, LN2_HI, x));
        float u = b * b;
        float j = Math.fma(Math.fma(Math.fma(b, C5, C4), u, Math.fma(b, C3, C2)), u, Math.fma(b, C1, 1f));
        if (Math.abs(n) <= 126f) {
            return j * Float.intBitsToFloat(((int) n + 127) << 23);
        }
        return scale(j, n);
    }

    /** j * 2^n for large |n|, as AVX-512's scalef does (0 or infinity beyond |n| = 192). */
    private static float scale(float j, float n) {
        if (Math.abs(n) > 192f || Float.isNaN(n)) {
            return n <= 0 ? 0f : Float.POSITIVE_INFINITY;
        }
        return (float) (j * Math.pow(2, n));
    }

    static void softmaxReference(float[] x, int xo, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[xo + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            x[xo + i] = (float) Math.exp(x[xo + i] - max);
            sum += x[xo + i];
        }
        for (int i = 0; i < n; i++) {
            x[xo + i] = (float) (x[xo + i] / sum);
        }
    }
}
