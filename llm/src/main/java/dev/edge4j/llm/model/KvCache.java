package dev.edge4j.llm.model;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Keys and values of every position seen so far, per layer, in 32-bit floats (the precision the
 * reference comparisons use), held off the Java heap so a long context does not grow the heap.
 * Position p of layer l starts at float {@code p * kvDim} of {@code keys[l]}.
 */
final class KvCache implements AutoCloseable {
    final MemorySegment[] keys;
    final MemorySegment[] values;
    final int capacity;
    final int kvDim;
    final int vDim;
    private final Arena arena = Arena.ofShared();

    KvCache(int layers, int capacity, int kvDim, int vDim) {
        this.capacity = capacity;
        this.kvDim = kvDim;
        this.vDim = vDim;
        this.keys = new MemorySegment[layers];
        this.values = new MemorySegment[layers];
        for (int l = 0; l < layers; l++) {
            keys[l] = arena.allocate(4L * capacity * kvDim, 64);
            values[l] = arena.allocate(4L * capacity * vDim, 64);
        }
    }

    /** Stores {@code kvDim} keys and {@code vDim} values of position {@code pos} of layer {@code layer}. */
    void put(int layer, int pos, float[] k, int kAt, float[] v, int vAt) {
        MemorySegment.copy(k, kAt, keys[layer], ValueLayout.JAVA_FLOAT, 4L * pos * kvDim, kvDim);
        MemorySegment.copy(v, vAt, values[layer], ValueLayout.JAVA_FLOAT, 4L * pos * vDim, vDim);
    }

    /** Bytes held: what {@code --ctx} costs. */
    static long bytes(int layers, int capacity, int kvDim, int vDim) {
        return 4L * layers * capacity * (kvDim + vDim);
    }

    @Override
    public void close() {
        arena.close();
    }
}
