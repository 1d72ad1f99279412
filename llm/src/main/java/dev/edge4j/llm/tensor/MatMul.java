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
     *
     * <p>Rows are dequantized {@link #PANEL_ROWS} at a time into a panel stored column by column,
     * so one vector holds a column's values for all the panel's rows; each input value is then
     * broadcast and multiplied into whole columns ({@link #tile6}), without horizontal sums.
     */
    public static void matmul(Parallel pool, WeightMatrix w, float[] input, int tokens, float[] out) {
        int k = w.cols();
        int n = w.rows();
        float[] x = input;
        if (w.inputFormat() != InputFormat.FLOAT) {
            // Round the inputs as the single-token kernels (and llama.cpp) do, then multiply in floats.
            float[] rounded = buffer(ROUNDED_INPUTS, tokens * k);
            pool.forEach(tokens, t -> InputRounding.round(w.inputFormat(), input, t * k, rounded, t * k, k));
            x = rounded;
        }
        float[] xs = x;
        int panels = (n + PANEL_ROWS - 1) / PANEL_ROWS;
        int tasks = Math.max(1, Math.min(pool.threads() * 8, panels));
        pool.forEach(tasks, task -> {
            int p0 = (int) ((long) panels * task / tasks);
            int p1 = (int) ((long) panels * (task + 1) / tasks);
            float[] rows = buffer(ROWS_BUFFER, PANEL_ROWS * k);
            float[] panel = buffer(PANEL_BUFFER, PANEL_ROWS * DEPTH);
            for (int p = p0; p < p1; p++) {
                int r0 = p * PANEL_ROWS;
                int nr = Math.min(PANEL_ROWS, n - r0);
                for (int r = 0; r < nr; r++) {
                    w.dequantizeRow(r0 + r, rows, r * k);
                }
                // The inputs' columns in chunks small enough for the panel to stay in the L1 cache.
                for (int c0 = 0; c0 < k; c0 += DEPTH) {
                    int depth = Math.min(DEPTH, k - c0);
                    for (int c = 0; c < depth; c++) {
                        int at = c * PANEL_ROWS;
                        for (int r = 0; r < nr; r++) {
                            panel[at + r] = rows[r * k + c0 + c];
                        }
                        for (int r = nr; r < PANEL_ROWS; r++) {
                            panel[at + r] = 0;
                        }
                    }
                    boolean add = c0 > 0;
                    int t = 0;
                    for (; t + 6 <= tokens; t += 6) {
                        tile6(panel, depth, xs, t * k + c0, k, out, t * n + r0, n, nr, add);
                    }
                    for (; t < tokens; t++) {
                        tile1(panel, depth, xs, t * k + c0, out, t * n + r0, nr, add);
                    }
                }
            }
        });
    }

    /** Input columns per panel chunk: 256 columns of 32 rows make 32 KB. */
    static final int DEPTH = 256;

    /** Rows of weights dequantized together: two vectors' worth. */
    static final int PANEL_ROWS = 2 * FL;
    private static final ThreadLocal<float[]> ROWS_BUFFER = ThreadLocal.withInitial(() -> new float[0]);
    /** Rounded prompt inputs, per calling thread (reused: a prompt would otherwise leave megabytes of garbage). */
    private static final ThreadLocal<float[]> ROUNDED_INPUTS = ThreadLocal.withInitial(() -> new float[0]);

    private static float[] buffer(ThreadLocal<float[]> local, int size) {
        float[] b = local.get();
        if (b.length < size) {
            b = new float[size];
            local.set(b);
        }
        return b;
    }

    /**
     * Six tokens times one panel chunk: 12 accumulators, each input value broadcast once. Inputs
     * start at {@code x[xAt]}, one token every {@code stride} floats; results go to
     * {@code out[outAt]}, one token every {@code n} floats, added to what is there if {@code add}.
     */
    private static void tile6(float[] panel, int depth, float[] x, int xAt, int stride, float[] out, int outAt, int n,
                              int nr, boolean add) {
        FloatVector a00 = FloatVector.zero(F), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00;
        FloatVector a30 = a00, a31 = a00, a40 = a00, a41 = a00, a50 = a00, a51 = a00;
        for (int c = 0; c < depth; c++) {
            FloatVector p0 = FloatVector.fromArray(F, panel, c * PANEL_ROWS);
            FloatVector p1 = FloatVector.fromArray(F, panel, c * PANEL_ROWS + FL);
            int at = xAt + c;
            FloatVector b = FloatVector.broadcast(F, x[at]);
            a00 = p0.fma(b, a00);
            a01 = p1.fma(b, a01);
            b = FloatVector.broadcast(F, x[at + stride]);
            a10 = p0.fma(b, a10);
            a11 = p1.fma(b, a11);
            b = FloatVector.broadcast(F, x[at + 2 * stride]);
            a20 = p0.fma(b, a20);
            a21 = p1.fma(b, a21);
            b = FloatVector.broadcast(F, x[at + 3 * stride]);
            a30 = p0.fma(b, a30);
            a31 = p1.fma(b, a31);
            b = FloatVector.broadcast(F, x[at + 4 * stride]);
            a40 = p0.fma(b, a40);
            a41 = p1.fma(b, a41);
            b = FloatVector.broadcast(F, x[at + 5 * stride]);
            a50 = p0.fma(b, a50);
            a51 = p1.fma(b, a51);
        }
        store(a00, a01, out, outAt, nr, add);
        store(a10, a11, out, outAt + n, nr, add);
        store(a20, a21, out, outAt + 2 * n, nr, add);
        store(a30, a31, out, outAt + 3 * n, nr, add);
        store(a40, a41, out, outAt + 4 * n, nr, add);
        store(a50, a51, out, outAt + 5 * n, nr, add);
    }

    /** One token times one panel chunk. */
    private static void tile1(float[] panel, int depth, float[] x, int xAt, float[] out, int outAt, int nr, boolean add) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        for (int c = 0; c < depth; c++) {
            FloatVector b = FloatVector.broadcast(F, x[xAt + c]);
            a0 = FloatVector.fromArray(F, panel, c * PANEL_ROWS).fma(b, a0);
            a1 = FloatVector.fromArray(F, panel, c * PANEL_ROWS + FL).fma(b, a1);
        }
        store(a0, a1, out, outAt, nr, add);
    }

    /** Writes (or adds) the first {@code nr} of a panel's results. */
    private static void store(FloatVector lo, FloatVector hi, float[] out, int at, int nr, boolean add) {
        if (nr == PANEL_ROWS) {
            if (add) {
                lo = lo.add(FloatVector.fromArray(F, out, at));
                hi = hi.add(FloatVector.fromArray(F, out, at + FL));
            }
            lo.intoArray(out, at);
            hi.intoArray(out, at + FL);
        } else {
            float[] tmp = new float[PANEL_ROWS];
            lo.intoArray(tmp, 0);
            hi.intoArray(tmp, FL);
            for (int r = 0; r < nr; r++) {
                out[at + r] = add ? out[at + r] + tmp[r] : tmp[r];
            }
        }
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
