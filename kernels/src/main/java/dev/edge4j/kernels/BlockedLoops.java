package dev.edge4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Per-lane parameters over runs of blocked pixels: a bias or PRelu slope vector for each pixel. */
final class BlockedLoops {
    private static final VectorSpecies<Float> S = Vectors.S;
    private static final int B = Blocked.B;

    private BlockedLoops() {}

    /** {@code y[p] += bias vector (+ z[p])} for {@code pixels} vectors; bias may be null. */
    static void addBias(float[] y, int off, int pixels, float[] bias, int bo, float[] z, int zOff) {
        FloatVector bv = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, bo);
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

    /** PRelu with a slope vector: {@code y = y < 0 ? y * slope : y}. */
    static void prelu(float[] y, int off, int pixels, float[] slope, int so) {
        FloatVector sv = FloatVector.fromArray(S, slope, so);
        for (int p = 0; p < pixels; p++) {
            int o = off + p * B;
            FloatVector v = FloatVector.fromArray(S, y, o);
            v.blend(v.mul(sv), v.compare(VectorOperators.LT, 0f)).intoArray(y, o);
        }
    }
}
