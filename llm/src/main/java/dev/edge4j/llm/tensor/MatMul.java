package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.F;
import static dev.edge4j.llm.tensor.Lanes.FL;

import dev.edge4j.core.Parallel;
import jdk.incubator.vector.FloatVector;

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

    /** Rows of the fused feed-forward's smallest task unit (more where the next input's form needs it). */
    private static final int MIN_ROWS_PER_TASK = 16;

    /** {@code out = w * x}. */
    public static void matvec(Parallel pool, WeightMatrix w, Activation x, float[] out) {
        matvec(pool, x, new WeightMatrix[] {w}, new float[][] {out});
    }

    /** {@code outs[i] = ws[i] * x} for matrices that share their input (Q, K and V; gate and up). */
    public static void matvec(Parallel pool, Activation x, WeightMatrix[] ws, float[][] outs) {
        int total = 0;
        long bytes = 0;
        for (WeightMatrix w : ws) {
            check(w, x.length());
            x.prepare(w.inputFormat());
            total += w.rows();
            bytes += w.byteSize();
        }
        RowSplit split = RowSplit.of(pool, bytes, total);
        pool.forEach(split.tasks(), task -> {
            int from = split.start(task);
            int to = split.end(task);
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
     * The gated feed-forward product of one token: {@code out = silu(gate * x) * (up * x)}, made
     * ready in {@code format}, the input form of the product that reads it next. Each task
     * computes the same rows of gate and up, applies SwiGLU to them and makes its part of out's
     * form, so that nothing is left for the calling thread between this product and the next
     * (on a Qwen2.5-0.5B-shaped model with two threads, the time between them fell from 12-15 us
     * per layer to about 1), and each thread reads back only values it wrote. {@code gateOut} and
     * {@code upOut} receive the two products.
     */
    public static void matvecSwiglu(Parallel pool, Activation x, WeightMatrix gate, WeightMatrix up, float[] gateOut,
                                    float[] upOut, Activation out, InputFormat format) {
        check(gate, x.length());
        check(up, x.length());
        int n = gate.rows();
        if (up.rows() != n || out.length() != n) {
            throw new IllegalArgumentException("tensors '" + gate.name() + "' and '" + up.name() + "' have "
                    + n + " and " + up.rows() + " rows for an output of " + out.length());
        }
        x.prepare(gate.inputFormat());
        x.prepare(up.inputFormat());
        int unit = Math.max(MIN_ROWS_PER_TASK, Activation.unit(format));
        RowSplit split = RowSplit.of(pool, gate.byteSize() + up.byteSize(), (n + unit - 1) / unit);
        float[] values = out.values();
        out.changed();
        pool.forEach(split.tasks(), task -> {
            int from = split.start(task) * unit;
            int to = Math.min(n, split.end(task) * unit);
            if (from >= to) {
                return;
            }
            gate.matvec(x, gateOut, 0, from, to);
            up.matvec(x, upOut, 0, from, to);
            VectorOps.swiglu(gateOut, upOut, from, to - from);
            System.arraycopy(gateOut, from, values, from, to - from);
            out.preparePart(format, from, to);
        });
        out.prepared(format);
    }

    /**
     * {@code out[t] = w * x[t]} for {@code tokens} inputs of {@code w.cols()} floats laid out one
     * after another in {@code x}; {@code out} holds {@code tokens} rows of {@code w.rows()}.
     *
     * <p>The inputs are transposed once into blocks of {@link #TOKEN_BLOCK} tokens stored column by
     * column, so one vector holds a column's values for a block's tokens. Weights are dequantized
     * {@link #PANEL_ROWS} rows at a time and each weight is broadcast and multiplied into whole
     * token vectors ({@link #tile}): the weights need no transposing and no horizontal sums.
     */
    public static void matmul(Parallel pool, WeightMatrix w, float[] input, int tokens, float[] out) {
        matmul(pool, input, tokens, new WeightMatrix[] {w}, new float[][] {out});
    }

    /**
     * {@code outs[i][t] = ws[i] * x[t]} for matrices that share their input (Q, K and V; gate and
     * up): the inputs are rounded and transposed once per input format, and the rows of all the
     * matrices are split over the pool together.
     */
    public static void matmul(Parallel pool, float[] input, int tokens, WeightMatrix[] ws, float[][] outs) {
        int k = ws[0].cols();
        int blocks = (tokens + TOKEN_BLOCK - 1) / TOKEN_BLOCK;
        int padded = blocks * TOKEN_BLOCK;
        // Round the inputs as the single-token kernels (and llama.cpp) do, then multiply in floats.
        InputFormat[] formats = new InputFormat[ws.length];
        int[] columnsAt = new int[ws.length];
        int[] firstPanel = new int[ws.length + 1];
        int distinct = 0;
        for (int m = 0; m < ws.length; m++) {
            check(ws[m], k);
            int same = 0;
            while (same < distinct && formats[same] != ws[m].inputFormat()) {
                same++;
            }
            if (same == distinct) {
                formats[distinct++] = ws[m].inputFormat();
            }
            columnsAt[m] = same * padded * k;
            firstPanel[m + 1] = firstPanel[m] + (ws[m].rows() + PANEL_ROWS - 1) / PANEL_ROWS;
        }
        float[] columns = buffer(INPUT_COLUMNS, distinct * padded * k);
        int formatCount = distinct;
        pool.forEach(formatCount * blocks, task -> {
            int f = task / blocks;
            transposeInputs(formats[f], input, k, tokens, task % blocks, columns, f * padded * k);
        });
        int panels = firstPanel[ws.length];
        int tasks = Math.max(1, Math.min(pool.threads() * 8, panels));
        pool.forEach(tasks, task -> {
            int p0 = (int) ((long) panels * task / tasks);
            int p1 = (int) ((long) panels * (task + 1) / tasks);
            float[] rows = buffer(ROWS_BUFFER, PANEL_ROWS * k);
            float[] acc = buffer(ACC_BUFFER, PANEL_ROWS * padded);
            int m = 0;
            for (int p = p0; p < p1; p++) {
                while (p >= firstPanel[m + 1]) {
                    m++;
                }
                WeightMatrix w = ws[m];
                float[] out = outs[m];
                int n = w.rows();
                int r0 = (p - firstPanel[m]) * PANEL_ROWS;
                int nr = Math.min(PANEL_ROWS, n - r0);
                for (int r = 0; r < nr; r++) {
                    w.dequantizeRow(r0 + r, rows, r * k);
                }
                java.util.Arrays.fill(rows, nr * k, PANEL_ROWS * k, 0f);
                // The columns in chunks small enough for a block's inputs to stay in the L1 cache.
                for (int c0 = 0; c0 < k; c0 += DEPTH) {
                    int depth = Math.min(DEPTH, k - c0);
                    for (int b = 0; b < blocks; b++) {
                        tile(rows, k, c0, depth, columns, columnsAt[m] + (b * k + c0) * TOKEN_BLOCK, acc,
                                b * TOKEN_BLOCK, padded, c0 > 0);
                    }
                }
                for (int r = 0; r < nr; r++) {
                    for (int t = 0; t < tokens; t++) {
                        out[t * n + r0 + r] = acc[r * padded + t];
                    }
                }
            }
        });
    }

    /** Columns per chunk: a chunk of six rows stays in the L1 cache while every block of tokens passes it. */
    static final int DEPTH = 512;
    /** Tokens multiplied together: two vectors' worth. */
    static final int TOKEN_BLOCK = 2 * FL;
    /** Rows of weights dequantized together: one accumulator pair each in {@link #tile}. */
    static final int PANEL_ROWS = 6;
    private static final ThreadLocal<float[]> ROWS_BUFFER = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> ACC_BUFFER = ThreadLocal.withInitial(() -> new float[0]);
    /** Rounded, transposed prompt inputs, per calling thread (reused: a prompt would otherwise leave megabytes of garbage). */
    private static final ThreadLocal<float[]> INPUT_COLUMNS = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> ROUNDED_TOKENS = ThreadLocal.withInitial(() -> new float[0]);

    private static float[] buffer(ThreadLocal<float[]> local, int size) {
        float[] b = local.get();
        if (b.length < size) {
            b = new float[size];
            local.set(b);
        }
        return b;
    }

    /**
     * Rounds block {@code b}'s tokens and stores them column by column: column {@code c} of the
     * block starts at {@code columnsAt + (b * k + c) * TOKEN_BLOCK}; tokens past the last are zeros.
     */
    private static void transposeInputs(InputFormat format, float[] input, int k, int tokens, int b, float[] columns,
                                        int columnsAt) {
        float[] rounded = buffer(ROUNDED_TOKENS, TOKEN_BLOCK * k);
        int used = Math.min(TOKEN_BLOCK, tokens - b * TOKEN_BLOCK);
        for (int j = 0; j < used; j++) {
            InputRounding.round(format, input, (b * TOKEN_BLOCK + j) * k, rounded, j * k, k);
        }
        java.util.Arrays.fill(rounded, used * k, TOKEN_BLOCK * k, 0f);
        // A few columns at a time, so that the cache lines being filled stay in the L1 cache.
        int base = columnsAt + b * k * TOKEN_BLOCK;
        for (int c0 = 0; c0 < k; c0 += TRANSPOSE_COLUMNS) {
            int c1 = Math.min(k, c0 + TRANSPOSE_COLUMNS);
            for (int j = 0; j < TOKEN_BLOCK; j++) {
                for (int c = c0; c < c1; c++) {
                    columns[base + c * TOKEN_BLOCK + j] = rounded[j * k + c];
                }
            }
        }
    }

    private static final int TRANSPOSE_COLUMNS = 16;

    /**
     * Six rows times one block of tokens over one chunk of columns: 12 accumulators, each weight
     * broadcast once. Row {@code r}'s weights start at {@code rows[r * k + c0]}; the block's
     * columns at {@code columns[at]}, {@link #TOKEN_BLOCK} floats each. Row {@code r}'s results go
     * to {@code acc[r * stride + t0]}, added to what is there if {@code add}.
     */
    private static void tile(float[] rows, int k, int c0, int depth, float[] columns, int at, float[] acc, int t0,
                             int stride, boolean add) {
        FloatVector a00 = FloatVector.zero(F), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00;
        FloatVector a30 = a00, a31 = a00, a40 = a00, a41 = a00, a50 = a00, a51 = a00;
        for (int c = 0; c < depth; c++) {
            int x = at + c * TOKEN_BLOCK;
            FloatVector x0 = FloatVector.fromArray(F, columns, x);
            FloatVector x1 = FloatVector.fromArray(F, columns, x + FL);
            int wAt = c0 + c;
            FloatVector b = FloatVector.broadcast(F, rows[wAt]);
            a00 = x0.fma(b, a00);
            a01 = x1.fma(b, a01);
            b = FloatVector.broadcast(F, rows[wAt + k]);
            a10 = x0.fma(b, a10);
            a11 = x1.fma(b, a11);
            b = FloatVector.broadcast(F, rows[wAt + 2 * k]);
            a20 = x0.fma(b, a20);
            a21 = x1.fma(b, a21);
            b = FloatVector.broadcast(F, rows[wAt + 3 * k]);
            a30 = x0.fma(b, a30);
            a31 = x1.fma(b, a31);
            b = FloatVector.broadcast(F, rows[wAt + 4 * k]);
            a40 = x0.fma(b, a40);
            a41 = x1.fma(b, a41);
            b = FloatVector.broadcast(F, rows[wAt + 5 * k]);
            a50 = x0.fma(b, a50);
            a51 = x1.fma(b, a51);
        }
        store(a00, a01, acc, t0, add);
        store(a10, a11, acc, t0 + stride, add);
        store(a20, a21, acc, t0 + 2 * stride, add);
        store(a30, a31, acc, t0 + 3 * stride, add);
        store(a40, a41, acc, t0 + 4 * stride, add);
        store(a50, a51, acc, t0 + 5 * stride, add);
    }

    /** Writes (or adds) one row's results for a block of tokens. */
    private static void store(FloatVector lo, FloatVector hi, float[] acc, int at, boolean add) {
        if (add) {
            lo = lo.add(FloatVector.fromArray(F, acc, at));
            hi = hi.add(FloatVector.fromArray(F, acc, at + FL));
        }
        lo.intoArray(acc, at);
        hi.intoArray(acc, at + FL);
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
