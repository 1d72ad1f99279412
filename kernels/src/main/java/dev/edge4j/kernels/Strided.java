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
            // Whole vectors while the two source vectors lie inside the source; the last one masked.
            for (; i < n && s + 2 * i + 2 * V <= src.length && d + i + V <= dst.length; i += V) {
                FloatVector a = FloatVector.fromArray(S, src, s + 2 * i);
                FloatVector b = FloatVector.fromArray(S, src, s + 2 * i + V);
                FloatVector even = a.rearrange(EVEN, b);
                if (i + V <= n) {
                    even.intoArray(dst, d + i);
                } else {
                    even.intoArray(dst, d + i, S.indexInRange(i, n));
                    return;
                }
            }
        }
        for (; i < n; i++) {
            dst[d + i] = src[s + i * stride];
        }
    }
}
