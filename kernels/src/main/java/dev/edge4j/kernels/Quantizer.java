package dev.edge4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Linear quantization of float runs as ONNX defines it, {@code q = saturate(round(x / scale) + zp)}
 * with rounding half to even: the range of a run (for dynamic quantization), quantizing to uint8,
 * and the round trip {@code (q - zp) * scale} straight to float, which is what a quantized matrix
 * product computes with. The {@code reference*} methods are the scalar definitions.
 */
public final class Quantizer {
    private static final VectorSpecies<Float> S = Vectors.S;
    private static final int V = S.length();
    /** Adding and subtracting 1.5 * 2^23 rounds a float below 2^22 to an integer, half to even. */
    private static final float ROUND = 12582912f;

    private Quantizer() {}

    /** {min(0, x...), max(0, x...)} over the run: the range dynamic quantization maps to 0..255. */
    public static float[] range(float[] x, int off, int n) {
        FloatVector lo = FloatVector.zero(S);
        FloatVector hi = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            lo = lo.min(v);
            hi = hi.max(v);
        }
        float min = lo.reduceLanes(VectorOperators.MIN);
        float max = hi.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            min = Math.min(min, x[off + i]);
            max = Math.max(max, x[off + i]);
        }
        return new float[] {min, max};
    }

    /** {@code q = clamp(rint(x / scale) + zp, 0, 255)} as unsigned bytes; a scale of 0 gives zp. */
    public static void quantizeU8(float[] x, int xo, float scale, int zp, byte[] q, int qo, int n) {
        if (scale == 0) {
            java.util.Arrays.fill(q, qo, qo + n, (byte) zp);
            return;
        }
        for (int i = 0; i < n; i++) {
            float v = (x[xo + i] / scale + ROUND) - ROUND + zp;
            q[qo + i] = (byte) (int) Math.max(0f, Math.min(255f, v));
        }
    }

    /**
     * The float value a uint8 quantization gives back: {@code (clamp(rint(x / scale) + zp, 0, 255)
     * - zp) * scale}; a scale of 0 gives 0.
     */
    public static void roundTripU8(float[] x, int xo, float scale, int zp, float[] y, int yo, int n) {
        if (scale == 0) {
            java.util.Arrays.fill(y, yo, yo + n, 0f);
            return;
        }
        float lo = -zp;
        float hi = 255 - zp;
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i).div(scale).add(ROUND).sub(ROUND);
            v.max(lo).min(hi).mul(scale).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float v = (x[xo + i] / scale + ROUND) - ROUND;
            y[yo + i] = Math.max(lo, Math.min(hi, v)) * scale;
        }
    }

    /** {@code y = (q - zp) * scale} for unsigned (or signed) bytes. */
    public static void dequantize(byte[] q, int qo, boolean unsigned, int zp, float scale, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            int v = unsigned ? q[qo + i] & 0xff : q[qo + i];
            y[yo + i] = (v - zp) * scale;
        }
    }

    /** The definition of {@link #roundTripU8}: quantize as ONNX does, in double, then scale back. */
    public static float referenceRoundTripU8(float x, float scale, int zp) {
        if (scale == 0) {
            return 0f;
        }
        double q = Math.max(0, Math.min(255, Math.rint(x / scale) + zp));
        return (float) ((q - zp) * scale);
    }
}
