package dev.edge4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** Strided copies: {@code dst[d + i] = src[s + i * stride]}, with a vector path for stride 2. */
final class Strided {
    private static final VectorSpecies<Float> S = Vectors.S;
    private static final int V = S.length();
    /** Even lanes of two vectors side by side: 0, 2, ..., 2V - 2 (indexes past V pick from the second). */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> 2 * i);

    private Strided() {}

    static void gather(float[] src, int s, int stride, float[] dst, int d, int n) {
        int i = 0;
        if (stride == 2) {
            // Each step reads 2V floats; stop while the second vector is still inside the source.
            for (; i + V <= n && s + 2 * i + 2 * V <= src.length; i += V) {
                FloatVector a = FloatVector.fromArray(S, src, s + 2 * i);
                FloatVector b = FloatVector.fromArray(S, src, s + 2 * i + V);
                a.rearrange(EVEN, b).intoArray(dst, d + i);
            }
        }
        for (; i < n; i++) {
            dst[d + i] = src[s + i * stride];
        }
    }
}
