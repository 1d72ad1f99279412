package dev.edge4j.llm.model;

/**
 * Keys and values of every position seen so far, per layer, in 32-bit floats (the precision the
 * reference comparisons use). Position p of layer l holds {@code kvDim} keys at
 * {@code keys[l][p * kvDim]}.
 */
final class KvCache {
    final float[][] keys;
    final float[][] values;
    final int capacity;
    final int kvDim;
    final int vDim;

    KvCache(int layers, int capacity, int kvDim, int vDim) {
        this.capacity = capacity;
        this.kvDim = kvDim;
        this.vDim = vDim;
        this.keys = new float[layers][];
        this.values = new float[layers][];
        for (int l = 0; l < layers; l++) {
            keys[l] = new float[Math.multiplyExact(capacity, kvDim)];
            values[l] = new float[Math.multiplyExact(capacity, vDim)];
        }
    }

    /** Bytes held: what {@code --ctx} costs. */
    static long bytes(int layers, int capacity, int kvDim, int vDim) {
        return 4L * layers * capacity * (kvDim + vDim);
    }
}
