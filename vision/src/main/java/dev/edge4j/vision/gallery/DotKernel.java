package dev.edge4j.vision.gallery;

import dev.edge4j.kernels.Vectors;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of one query with every row of a row-major matrix: the whole cost of a gallery
 * search. The Vector-API kernel takes four rows per pass so each query load feeds four fused
 * multiply-adds; {@link #scoresScalar} is the plain reference it is tested against. Lanes are
 * summed in a fixed order, so a search scores the same before and after the JIT compiles it.
 */
public final class DotKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private DotKernel() {}

    /** out[r - from] = dot(matrix row r, q) for rows [from, to); rows have {@code dim} floats. */
    public static void scores(float[] matrix, int dim, float[] q, int from, int to, float[] out) {
        int len = SPECIES.length();
        int upper = SPECIES.loopBound(dim);
        int r = from;
        for (; r + 4 <= to; r += 4) {
            int b0 = r * dim;
            int b1 = b0 + dim;
            int b2 = b1 + dim;
            int b3 = b2 + dim;
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = FloatVector.zero(SPECIES);
            FloatVector a2 = FloatVector.zero(SPECIES);
            FloatVector a3 = FloatVector.zero(SPECIES);
            int i = 0;
            for (; i < upper; i += len) {
                FloatVector qv = FloatVector.fromArray(SPECIES, q, i);
                a0 = FloatVector.fromArray(SPECIES, matrix, b0 + i).fma(qv, a0);
                a1 = FloatVector.fromArray(SPECIES, matrix, b1 + i).fma(qv, a1);
                a2 = FloatVector.fromArray(SPECIES, matrix, b2 + i).fma(qv, a2);
                a3 = FloatVector.fromArray(SPECIES, matrix, b3 + i).fma(qv, a3);
            }
            float s0 = Vectors.sumInOrder(a0);
            float s1 = Vectors.sumInOrder(a1);
            float s2 = Vectors.sumInOrder(a2);
            float s3 = Vectors.sumInOrder(a3);
            for (; i < dim; i++) {
                float qi = q[i];
                s0 += matrix[b0 + i] * qi;
                s1 += matrix[b1 + i] * qi;
                s2 += matrix[b2 + i] * qi;
                s3 += matrix[b3 + i] * qi;
            }
            out[r - from] = s0;
            out[r - from + 1] = s1;
            out[r - from + 2] = s2;
            out[r - from + 3] = s3;
        }
        for (; r < to; r++) {
            int b = r * dim;
            FloatVector acc = FloatVector.zero(SPECIES);
            int i = 0;
            for (; i < upper; i += len) {
                acc = FloatVector.fromArray(SPECIES, matrix, b + i).fma(FloatVector.fromArray(SPECIES, q, i), acc);
            }
            float s = Vectors.sumInOrder(acc);
            for (; i < dim; i++) {
                s += matrix[b + i] * q[i];
            }
            out[r - from] = s;
        }
    }

    /** The reference: one row at a time, one multiply-add at a time, in double precision. */
    public static void scoresScalar(float[] matrix, int dim, float[] q, int from, int to, float[] out) {
        for (int r = from; r < to; r++) {
            double s = 0;
            int b = r * dim;
            for (int i = 0; i < dim; i++) {
                s += (double) matrix[b + i] * q[i];
            }
            out[r - from] = (float) s;
        }
    }
}
