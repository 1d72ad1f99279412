package dev.edge4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Epilogues over runs of blocked pixels (one vector each), in one pass: a bias vector (per lane,
 * may be null) and a residual run (may be null) added, then the activation, then one store.
 */
final class BlockedLoops {
    private static final VectorSpecies<Float> S = Vectors.S;
    private static final int B = Blocked.B;

    private BlockedLoops() {}

    private static FloatVector biasVector(float[] bias, int bo) {
        return bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, bo);
    }

    /** {@code y += bias (+ z)}. */
    static void addBias(float[] y, int off, int pixels, float[] bias, int bo, float[] z, int zOff) {
        FloatVector bv = biasVector(bias, bo);
        if (z == null) {
            for (int p = 0; p < pixels; p++) {
                int o = off + p * B;
                FloatVector.fromArray(S, y, o).add(bv).intoArray(y, o);
            }
        } else {
            for (int p = 0; p < pixels; p++) {
                int o = off + p * B;
                FloatVector.fromArray(S, y, o).add(bv).add(FloatVector.fromArray(S, z, zOff + p * B)).intoArray(y, o);
            }
        }
    }

    /**
     * {@code v = y + bias (+ z); y = v < 0 ? v * s : v}, with s the lane's slope from
     * {@code slope[so]} or, when slope is null, the single factor {@code k} (0 for Relu).
     */
    static void scaleNegative(float[] y, int off, int pixels, float[] bias, int bo, float[] z, int zOff,
            float[] slope, int so, float k) {
        FloatVector bv = biasVector(bias, bo);
        FloatVector sv = slope == null ? FloatVector.broadcast(S, k) : FloatVector.fromArray(S, slope, so);
        if (z == null) {
            for (int p = 0; p < pixels; p++) {
                int o = off + p * B;
                FloatVector v = FloatVector.fromArray(S, y, o).add(bv);
                v.blend(v.mul(sv), v.compare(VectorOperators.LT, 0f)).intoArray(y, o);
            }
        } else {
            for (int p = 0; p < pixels; p++) {
                int o = off + p * B;
                FloatVector v = FloatVector.fromArray(S, y, o).add(bv).add(FloatVector.fromArray(S, z, zOff + p * B));
                v.blend(v.mul(sv), v.compare(VectorOperators.LT, 0f)).intoArray(y, o);
            }
        }
    }

    /** {@code v = y + bias (+ z); y = min(max(v, lo), hi)} (NaN stays NaN). */
    static void clip(float[] y, int off, int pixels, float[] bias, int bo, float[] z, int zOff, float lo, float hi) {
        FloatVector bv = biasVector(bias, bo);
        for (int p = 0; p < pixels; p++) {
            int o = off + p * B;
            FloatVector v = FloatVector.fromArray(S, y, o).add(bv);
            if (z != null) {
                v = v.add(FloatVector.fromArray(S, z, zOff + p * B));
            }
            v = v.blend(lo, v.compare(VectorOperators.LT, lo));
            v.blend(hi, v.compare(VectorOperators.GT, hi)).intoArray(y, o);
        }
    }
}
