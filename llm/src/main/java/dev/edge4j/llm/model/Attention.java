package dev.edge4j.llm.model;

import dev.edge4j.core.Parallel;
import dev.edge4j.llm.tensor.VectorOps;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Causal multi-head attention over the KV cache, with grouped-query heads (several query heads
 * read one key/value head). One task per (head, token) pair, spread over the pool.
 */
final class Attention {
    private static final ThreadLocal<float[]> SCORES = ThreadLocal.withInitial(() -> new float[0]);

    private Attention() {}

    /**
     * For tokens [0, count) at positions [start, start + count), whose keys and values are already
     * in the cache: {@code out[t]} = softmax(q[t] K^T * scale) V over positions up to the token's own.
     */
    static void run(Parallel pool, ModelConfig c, KvCache cache, int layer, float[] q, int start, int count, float[] out) {
        int heads = c.heads();
        int group = heads / c.kvHeads();
        int headDim = c.headDim();
        int valueDim = c.valueDim();
        int qDim = c.qDim();
        int outDim = heads * valueDim;
        float scale = c.attentionScale();
        MemorySegment keys = cache.keys[layer];
        MemorySegment values = cache.values[layer];
        int vDim = cache.vDim;
        pool.forEach(heads * count, task -> {
            int t = task / heads;
            int h = task % heads;
            int kvHead = h / group;
            int positions = start + t + 1;
            float[] scores = SCORES.get();
            if (scores.length < positions) {
                scores = new float[Math.max(positions, 256)];
                SCORES.set(scores);
            }
            int qAt = t * qDim + h * headDim;
            VectorOps.scores(q, qAt, headDim, keys, cache.keyRow(kvHead, 0), 4L * cache.capacity, positions, scale, scores);
            VectorOps.softmax(scores, 0, positions);
            int oAt = t * outDim + h * valueDim;
            Arrays.fill(out, oAt, oAt + valueDim, 0f);
            for (int p = 0; p < positions; p++) {
                VectorOps.axpy(scores[p], values, 4L * (p * vDim + kvHead * valueDim), out, oAt, valueDim);
            }
        });
    }
}
