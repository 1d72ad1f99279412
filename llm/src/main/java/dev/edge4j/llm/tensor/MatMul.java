package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.F;
import static dev.edge4j.llm.tensor.Lanes.FL;

import dev.edge4j.core.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Matrix products of the forward pass, spread over the thread pool with one job per call.
 *
 * <p>One token (generation): each row is a dot product against the input's 8-bit form, so the
 * weights stream from memory exactly once. Several tokens (prompt): rows are dequantized to
 * floats a panel at a time and each panel is multiplied with every token, so a weight is read
 * once per prompt, not once per token.
 */
public final class MatMul {
    private MatMul() {}

    /** Rows per task below which splitting costs more than it saves. */
    private static final int MIN_ROWS_PER_TASK = 16;
    private static final int PANEL = 4;
    private static final ThreadLocal<float[]> PANEL_BUFFER = ThreadLocal.withInitial(() -> new float[0]);

    /** {@code out = w * x}. */
    public static void matvec(Parallel pool, WeightMatrix w, Activation x, float[] out) {
        matvec(pool, x, new WeightMatrix[] {w}, new float[][] {out});
    }

    /** {@code outs[i] = ws[i] * x} for matrices that share their input (Q, K and V; gate and up). */
    public static void matvec(Parallel pool, Activation x, WeightMatrix[] ws, float[][] outs) {
        int total = 0;
        for (WeightMatrix w : ws) {
            check(w, x.length());
            x.prepare(w.inputFormat());
            total += w.rows();
        }
        int rowsTotal = total;
        int tasks = Math.max(1, Math.min(pool.threads() * 4, rowsTotal / MIN_ROWS_PER_TASK));
        pool.forEach(tasks, task -> {
            int from = (int) ((long) rowsTotal * task / tasks);
            int to = (int) ((long) rowsTotal * (task + 1) / tasks);
            int start = 0;
            for (int m = 0; m < ws.length && from < to; m++) {
                int rows = ws[m].rows();
                int end = start + rows;
                if (from < end) {
                    int a = from - start;
                    int b = Math.min(to, end) - start;
                    ws[m].matvec(x, outs[m], 0, a, b);
                    from = start + b;
                }
                start = end;
            }
        });
    }

    /**
     * {@code out[t] = w * x[t]} for {@code tokens} inputs of {@code w.cols()} floats laid out one
     * after another in {@code x}; {@code out} holds {@code tokens} rows of {@code w.rows()}.
     */
    public static void matmul(Parallel pool, WeightMatrix w, float[] input, int tokens, float[] out) {
        int k = w.cols();
        int n = w.rows();
        float[] x = input;
        if (w.inputFormat() != InputFormat.FLOAT) {
            // Round the inputs as the single-token kernels (and llama.cpp) do, then multiply in floats.
            float[] rounded = new float[tokens * k];
            pool.forEach(tokens, t -> InputRounding.round(w.inputFormat(), input, t * k, rounded, t * k, k));
            x = rounded;
        }
        float[] xs = x;
        int panels = (n + PANEL - 1) / PANEL;
        int tasks = Math.max(1, Math.min(pool.threads() * 8, panels));
        pool.forEach(tasks, task -> {
            int p0 = (int) ((long) panels * task / tasks);
            int p1 = (int) ((long) panels * (task + 1) / tasks);
            float[] buf = PANEL_BUFFER.get();
            if (buf.length < PANEL * k) {
                buf = new float[PANEL * k];
                PANEL_BUFFER.set(buf);
            }
            for (int p = p0; p < p1; p++) {
                int r0 = p * PANEL;
                int nr = Math.min(PANEL, n - r0);
                for (int r = 0; r < nr; r++) {
                    w.dequantizeRow(r0 + r, buf, r * k);
                }
                if (nr == PANEL && k % FL == 0) {
                    int t = 0;
                    for (; t + 4 <= tokens; t += 4) {
                        kernel4x4(buf, k, xs, t, out, n, r0);
                    }
                    for (; t < tokens; t++) {
                        for (int r = 0; r < PANEL; r++) {
                            out[t * n + r0 + r] = dot(buf, r * k, xs, t * k, k);
                        }
                    }
                } else {
                    for (int t = 0; t < tokens; t++) {
                        for (int r = 0; r < nr; r++) {
                            out[t * n + r0 + r] = dot(buf, r * k, xs, t * k, k);
                        }
                    }
                }
            }
        });
    }

    /** Four rows of the panel times four tokens: 16 dot products sharing their loads. */
    private static void kernel4x4(float[] w, int k, float[] x, int t0, float[] out, int n, int r0) {
        FloatVector a00 = FloatVector.zero(F), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        int x0 = t0 * k;
        int x1 = x0 + k;
        int x2 = x1 + k;
        int x3 = x2 + k;
        for (int i = 0; i < k; i += FL) {
            FloatVector w0 = FloatVector.fromArray(F, w, i);
            FloatVector w1 = FloatVector.fromArray(F, w, k + i);
            FloatVector w2 = FloatVector.fromArray(F, w, 2 * k + i);
            FloatVector w3 = FloatVector.fromArray(F, w, 3 * k + i);
            FloatVector v = FloatVector.fromArray(F, x, x0 + i);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            a02 = w2.fma(v, a02);
            a03 = w3.fma(v, a03);
            v = FloatVector.fromArray(F, x, x1 + i);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            a12 = w2.fma(v, a12);
            a13 = w3.fma(v, a13);
            v = FloatVector.fromArray(F, x, x2 + i);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            a22 = w2.fma(v, a22);
            a23 = w3.fma(v, a23);
            v = FloatVector.fromArray(F, x, x3 + i);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
            a32 = w2.fma(v, a32);
            a33 = w3.fma(v, a33);
        }
        int o = t0 * n + r0;
        out[o] = Lanes.sum(a00);
        out[o + 1] = Lanes.sum(a01);
        out[o + 2] = Lanes.sum(a02);
        out[o + 3] = Lanes.sum(a03);
        o += n;
        out[o] = Lanes.sum(a10);
        out[o + 1] = Lanes.sum(a11);
        out[o + 2] = Lanes.sum(a12);
        out[o + 3] = Lanes.sum(a13);
        o += n;
        out[o] = Lanes.sum(a20);
        out[o + 1] = Lanes.sum(a21);
        out[o + 2] = Lanes.sum(a22);
        out[o + 3] = Lanes.sum(a23);
        o += n;
        out[o] = Lanes.sum(a30);
        out[o + 1] = Lanes.sum(a31);
        out[o + 2] = Lanes.sum(a32);
        out[o + 3] = Lanes.sum(a33);
    }

    /** A float dot product of {@code n} values. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (; i + FL <= n; i += FL) {
            acc = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc);
        }
        float sum = Lanes.sum(acc);
        for (; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    private static void check(WeightMatrix w, int inputLength) {
        if (w.cols() != inputLength) {
            throw new IllegalArgumentException("tensor '" + w.name() + "' takes " + w.cols()
                    + " inputs, got " + inputLength);
        }
    }
}
