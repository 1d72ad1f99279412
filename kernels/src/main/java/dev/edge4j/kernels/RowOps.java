package dev.edge4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Normalizations along contiguous rows of float: softmax, log-softmax and layer normalization,
 * each a few vector passes over a row that stays in L1. The {@code reference*} methods are the
 * double-precision definitions they must match.
 */
public final class RowOps {
    private static final VectorSpecies<Float> S = Vectors.S;
    private static final int V = S.length();
    /** Rows shorter than this go through {@link #softmaxShortRows}. */
    public static final int SHORT_ROW = V;

    private RowOps() {}

    /** {@code y = exp(x - max) / sum(exp(x - max))} over the n values at {@code x[xo]}. */
    public static void softmax(float[] x, int xo, float[] y, int yo, int n) {
        float max = max(x, xo, n);
        int i = 0;
        FloatVector acc = FloatVector.zero(S);
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector e = Vectors.exp(FloatVector.fromArray(S, x, xo + i).sub(max));
            e.intoArray(y, yo + i);
            acc = acc.add(e);
        }
        float sum = Vectors.sumInOrder(acc);
        for (; i < n; i++) {
            float e = (float) Math.exp(x[xo + i] - max);
            y[yo + i] = e;
            sum += e;
        }
        scale(y, yo, n, 1f / sum);
    }

    /**
     * Softmax of {@code rows} consecutive rows of {@code n} each, for rows shorter than a vector
     * (class scores of detectors: thousands of rows of two): the shifted values of all rows go
     * through the vector exp together, where row by row each exp would be a scalar call.
     */
    public static void softmaxShortRows(float[] x, int xo, float[] y, int yo, int rows, int n) {
        int total = rows * n;
        for (int r = 0; r < rows; r++) {
            int a = xo + r * n;
            int b = yo + r * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, x[a + j]);
            }
            for (int j = 0; j < n; j++) {
                y[b + j] = x[a + j] - max;
            }
        }
        int i = 0;
        for (int bound = S.loopBound(total); i < bound; i += V) {
            Vectors.exp(FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < total; i++) {
            y[yo + i] = (float) Math.exp(y[yo + i]);
        }
        for (int r = 0; r < rows; r++) {
            int b = yo + r * n;
            float sum = 0;
            for (int j = 0; j < n; j++) {
                sum += y[b + j];
            }
            float inv = 1f / sum;
            for (int j = 0; j < n; j++) {
                y[b + j] *= inv;
            }
        }
    }

    /**
     * {@code y = x / c + m} (or {@code x * c + m} when {@code divide} is false), the float
     * operations of a Div or Mul by a scalar then an Add, before a masked softmax.
     */
    public static void scaleAdd(float[] x, int xo, float c, boolean divide, float[] m, int mo, float[] y, int yo, int n) {
        int i = 0;
        if (divide) {
            for (int bound = S.loopBound(n); i < bound; i += V) {
                FloatVector.fromArray(S, x, xo + i).div(c).add(FloatVector.fromArray(S, m, mo + i)).intoArray(y, yo + i);
            }
            for (; i < n; i++) {
                y[yo + i] = x[xo + i] / c + m[mo + i];
            }
        } else {
            for (int bound = S.loopBound(n); i < bound; i += V) {
                FloatVector.fromArray(S, x, xo + i).mul(c).add(FloatVector.fromArray(S, m, mo + i)).intoArray(y, yo + i);
            }
            for (; i < n; i++) {
                y[yo + i] = x[xo + i] * c + m[mo + i];
            }
        }
    }

    /** {@code y = x - max - log(sum(exp(x - max)))}. */
    public static void logSoftmax(float[] x, int xo, float[] y, int yo, int n) {
        float max = max(x, xo, n);
        int i = 0;
        FloatVector acc = FloatVector.zero(S);
        for (int bound = S.loopBound(n); i < bound; i += V) {
            acc = acc.add(Vectors.exp(FloatVector.fromArray(S, x, xo + i).sub(max)));
        }
        double sum = Vectors.sumInOrder(acc);
        for (; i < n; i++) {
            sum += Math.exp(x[xo + i] - max);
        }
        float shift = (float) (max + Math.log(sum));
        i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector.fromArray(S, x, xo + i).sub(shift).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = x[xo + i] - shift;
        }
    }

    /**
     * Layer normalization of one row: {@code y = (x - mean) / sqrt(var + eps) * gamma + beta},
     * the variance the mean square deviation; gamma and beta (either may be null) run along the row.
     */
    public static void layerNorm(float[] x, int xo, float[] y, int yo, int n, float[] gamma, float[] beta,
            float eps) {
        int i = 0;
        FloatVector acc = FloatVector.zero(S);
        int bound = S.loopBound(n);
        for (; i < bound; i += V) {
            acc = acc.add(FloatVector.fromArray(S, x, xo + i));
        }
        float sum = Vectors.sumInOrder(acc);
        for (; i < n; i++) {
            sum += x[xo + i];
        }
        float mean = sum / n;
        acc = FloatVector.zero(S);
        for (i = 0; i < bound; i += V) {
            FloatVector d = FloatVector.fromArray(S, x, xo + i).sub(mean);
            acc = d.fma(d, acc);
        }
        float sq = Vectors.sumInOrder(acc);
        for (; i < n; i++) {
            float d = x[xo + i] - mean;
            sq += d * d;
        }
        float inv = (float) (1 / Math.sqrt(sq / n + eps));
        for (i = 0; i < bound; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i).sub(mean).mul(inv);
            if (gamma != null) {
                v = v.mul(FloatVector.fromArray(S, gamma, i));
            }
            if (beta != null) {
                v = v.add(FloatVector.fromArray(S, beta, i));
            }
            v.intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float v = (x[xo + i] - mean) * inv;
            if (gamma != null) {
                v *= gamma[i];
            }
            if (beta != null) {
                v += beta[i];
            }
            y[yo + i] = v;
        }
    }

    private static float max(float[] x, int xo, int n) {
        int i = 0;
        FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int bound = S.loopBound(n); i < bound; i += V) {
            m = m.max(FloatVector.fromArray(S, x, xo + i));
        }
        float max = m.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, x[xo + i]);
        }
        return max;
    }

    private static void scale(float[] y, int yo, int n, float s) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += V) {
            FloatVector.fromArray(S, y, yo + i).mul(s).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] *= s;
        }
    }

    /** Softmax in double precision. */
    public static void referenceSoftmax(float[] x, int xo, float[] y, int yo, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[xo + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(x[xo + i] - max);
        }
        for (int i = 0; i < n; i++) {
            y[yo + i] = (float) (Math.exp(x[xo + i] - max) / sum);
        }
    }

    /** Log-softmax in double precision. */
    public static void referenceLogSoftmax(float[] x, int xo, float[] y, int yo, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[xo + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(x[xo + i] - max);
        }
        double log = Math.log(sum);
        for (int i = 0; i < n; i++) {
            y[yo + i] = (float) (x[xo + i] - max - log);
        }
    }

    /** Layer normalization in double precision. */
    public static void referenceLayerNorm(float[] x, int xo, float[] y, int yo, int n, float[] gamma, float[] beta,
            float eps) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[xo + i];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            var += (x[xo + i] - mean) * (x[xo + i] - mean);
        }
        var /= n;
        double inv = 1 / Math.sqrt(var + eps);
        for (int i = 0; i < n; i++) {
            double v = (x[xo + i] - mean) * inv;
            y[yo + i] = (float) ((gamma == null ? v : v * gamma[i]) + (beta == null ? 0 : beta[i]));
        }
    }
}
