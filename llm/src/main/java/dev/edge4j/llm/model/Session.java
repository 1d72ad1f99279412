package dev.edge4j.llm.model;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.llm.tensor.Activation;
import dev.edge4j.llm.tensor.MatMul;
import dev.edge4j.llm.tensor.VectorOps;
import dev.edge4j.llm.tensor.WeightMatrix;

/**
 * One conversation with a model: its KV cache and the buffers of the forward pass, sized once.
 * {@link #evaluate} appends tokens and returns the logits of the last one. A prompt is evaluated
 * in chunks of up to {@code batch} tokens, each chunk as matrix-matrix products; single tokens
 * (generation) go through the 8-bit matrix-vector kernels.
 *
 * <p>Not thread-safe: one session is driven by one thread (which uses the pool for the work).
 * Close it to free its KV cache, which lives outside the Java heap.
 */
public final class Session implements AutoCloseable {
    private final LanguageModel model;
    private final ModelConfig c;
    private final ModelWeights w;
    private final Parallel pool;
    private final KvCache cache;
    private final Rope rope;
    private final int batch;
    private final int vocab;
    private int position;

    // Per-chunk buffers: row t of each holds token t of the chunk.
    private final float[] x;
    private final float[] xb;
    private final float[] q;
    private final float[] k;
    private final float[] v;
    private final float[] att;
    private final float[] proj;
    private final float[] gate;
    private final float[] up;
    // Inputs of single-token products, with their 8-bit forms.
    private final Activation xbOne;
    private final Activation attOne;
    private final Activation ffnOne;

    Session(LanguageModel model, int contextLength, int batch, Parallel pool) {
        this.model = model;
        this.c = model.config();
        this.w = model.weights();
        this.pool = pool;
        this.batch = batch;
        this.vocab = w.tokenEmbedding().rows();
        this.cache = new KvCache(c.layers(), contextLength, c.kvDim(), c.vDim(), c.headDim());
        this.rope = new Rope(c, w.ropeFactors(), contextLength);
        int attDim = c.heads() * c.valueDim();
        this.x = new float[batch * c.dim()];
        this.xb = new float[batch * c.dim()];
        this.q = new float[batch * c.qDim()];
        this.k = new float[batch * c.kvDim()];
        this.v = new float[batch * c.vDim()];
        this.att = new float[batch * attDim];
        this.proj = new float[batch * c.dim()];
        this.gate = new float[batch * c.ffnDim()];
        this.up = new float[batch * c.ffnDim()];
        this.xbOne = new Activation(c.dim());
        this.attOne = new Activation(attDim);
        this.ffnOne = new Activation(c.ffnDim());
    }

    public LanguageModel model() {
        return model;
    }

    /** Tokens in the cache: the position the next token will take. */
    public int position() {
        return position;
    }

    /** The most tokens this session can hold. */
    public int contextLength() {
        return cache.capacity;
    }

    @Override
    public void close() {
        cache.close();
    }

    /** Forgets every token, keeping the buffers. */
    public void reset() {
        position = 0;
    }

    /** Rolls back to {@code newPosition} tokens (for example to drop an interrupted answer). */
    public void truncate(int newPosition) {
        if (newPosition < 0 || newPosition > position) {
            throw new InvalidInputException("cannot truncate a session of " + position + " tokens to " + newPosition);
        }
        position = newPosition;
    }

    /** Appends {@code tokens} and returns the logits that follow the last one (a fresh array). */
    public float[] evaluate(int[] tokens) {
        return evaluate(tokens, new float[vocab]);
    }

    /** Appends {@code tokens} and writes the logits that follow the last one into {@code logits}. */
    public float[] evaluate(int[] tokens, float[] logits) {
        if (logits.length < vocab) {
            throw new InvalidInputException("the logits buffer holds " + logits.length + " values, the vocabulary has " + vocab);
        }
        run(tokens, logits, false);
        return logits;
    }

    /** Entries of the vocabulary: the length of a logits vector. */
    public int vocabSize() {
        return vocab;
    }

    /**
     * Appends {@code tokens} and returns the logits after every one of them: {@code tokens.length}
     * rows of the vocabulary size, one after another.
     */
    public float[] evaluateAll(int[] tokens) {
        float[] logits = new float[Math.multiplyExact(tokens.length, vocab)];
        run(tokens, logits, true);
        return logits;
    }

    private void run(int[] tokens, float[] logits, boolean all) {
        if (tokens.length == 0) {
            throw new InvalidInputException("nothing to evaluate: no tokens given");
        }
        if (position + tokens.length > cache.capacity) {
            throw new ContextFullException(position, tokens.length, cache.capacity);
        }
        for (int id : tokens) {
            if (id < 0 || id >= vocab) {
                throw new InvalidInputException("token id " + id + " is outside the vocabulary (0.." + (vocab - 1) + ")");
            }
        }
        for (int from = 0; from < tokens.length; from += batch) {
            int count = Math.min(batch, tokens.length - from);
            boolean last = from + count == tokens.length;
            forward(tokens, from, count);
            if (all) {
                logits(count, logits, from * vocab);
            } else if (last) {
                logitsOfLast(count, logits);
            }
            position += count;
        }
    }

    /** Runs every layer over tokens[from, from + count), leaving their hidden states in x. */
    private void forward(int[] tokens, int from, int count) {
        int dim = c.dim();
        for (int t = 0; t < count; t++) {
            w.tokenEmbedding().dequantizeRow(tokens[from + t], x, t * dim);
        }
        for (int l = 0; l < c.layers(); l++) {
            LayerWeights lw = w.layers()[l];
            // Attention.
            norm(lw.attnNorm(), count);
            if (count == 1) {
                xbOne.set(xb, 0);
                MatMul.matvec(pool, xbOne, new WeightMatrix[] {lw.wq(), lw.wk(), lw.wv()}, new float[][] {q, k, v});
            } else {
                MatMul.matmul(pool, xb, count, new WeightMatrix[] {lw.wq(), lw.wk(), lw.wv()}, new float[][] {q, k, v});
            }
            int start = position;
            int layer = l;
            pool.forEach(count, t -> {
                addBias(q, lw.bq(), t);
                addBias(k, lw.bk(), t);
                addBias(v, lw.bv(), t);
                if (lw.qNorm() != null) {
                    for (int h = 0; h < c.heads(); h++) {
                        int at = t * c.qDim() + h * c.headDim();
                        VectorOps.rmsNorm(q, at, lw.qNorm(), c.rmsEps(), q, at, c.headDim());
                    }
                    for (int h = 0; h < c.kvHeads(); h++) {
                        int at = t * c.kvDim() + h * c.headDim();
                        VectorOps.rmsNorm(k, at, lw.kNorm(), c.rmsEps(), k, at, c.headDim());
                    }
                }
                int pos = start + t;
                rope.apply(q, t * c.qDim(), c.heads(), c.headDim(), pos);
                rope.apply(k, t * c.kvDim(), c.kvHeads(), c.headDim(), pos);
                cache.put(layer, pos, k, t * c.kvDim(), v, t * c.vDim());
            });
            Attention.run(pool, c, cache, l, q, position, count, att);
            project(lw.wo(), att, attOne, count, proj);
            pool.forEach(count, t -> {
                addBias(proj, lw.bo(), t);
                VectorOps.add(x, t * dim, proj, t * dim, dim);
            });
            // Feed-forward.
            norm(lw.ffnNorm(), count);
            if (count == 1) {
                xbOne.set(xb, 0);
                MatMul.matvecSwiglu(pool, xbOne, lw.gate(), lw.up(), gate, up, ffnOne, lw.down().inputFormat());
                MatMul.matvec(pool, lw.down(), ffnOne, proj);
            } else {
                MatMul.matmul(pool, xb, count, new WeightMatrix[] {lw.gate(), lw.up()}, new float[][] {gate, up});
                int ffn = c.ffnDim();
                pool.forEach(count, t -> VectorOps.swiglu(gate, up, t * ffn, ffn));
                MatMul.matmul(pool, lw.down(), gate, count, proj);
            }
            pool.forEach(count, t -> VectorOps.add(x, t * dim, proj, t * dim, dim));
        }
    }

    /** xb[t] = rmsNorm(x[t]) * weight for each token of the chunk. */
    private void norm(float[] weight, int count) {
        int dim = c.dim();
        pool.forEach(count, t -> VectorOps.rmsNorm(x, t * dim, weight, c.rmsEps(), xb, t * dim, dim));
    }

    private void project(WeightMatrix m, float[] in, Activation one, int count, float[] out) {
        if (count == 1) {
            one.set(in, 0);
            MatMul.matvec(pool, m, one, out);
        } else {
            MatMul.matmul(pool, m, in, count, out);
        }
    }

    /** Adds {@code bias} (if any) to token {@code t}'s row of {@code y}. */
    private static void addBias(float[] y, float[] bias, int t) {
        if (bias != null) {
            VectorOps.add(y, t * bias.length, bias, 0, bias.length);
        }
    }

    private void logitsOfLast(int count, float[] logits) {
        int dim = c.dim();
        VectorOps.rmsNorm(x, (count - 1) * dim, w.outputNorm(), c.rmsEps(), xb, 0, dim);
        xbOne.set(xb, 0);
        MatMul.matvec(pool, w.output(), xbOne, logits);
    }

    private void logits(int count, float[] logits, int offset) {
        int dim = c.dim();
        for (int t = 0; t < count; t++) {
            VectorOps.rmsNorm(x, t * dim, w.outputNorm(), c.rmsEps(), xb, t * dim, dim);
        }
        if (count == 1) {
            xbOne.set(xb, 0);
            float[] row = new float[vocab];
            MatMul.matvec(pool, w.output(), xbOne, row);
            System.arraycopy(row, 0, logits, offset, vocab);
        } else {
            float[] rows = new float[count * vocab];
            MatMul.matmul(pool, w.output(), xb, count, rows);
            System.arraycopy(rows, 0, logits, offset, rows.length);
        }
    }
}
