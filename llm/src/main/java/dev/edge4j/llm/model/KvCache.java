package dev.edge4j.llm.model;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Keys and values of every position seen so far, per layer, in 32-bit floats (the precision the
 * reference comparisons use), held off the Java heap so a long context does not grow the heap.
 *
 * <p>Keys are stored transposed: for each key/value head and each of its dimensions, the values
 * of all positions in a row ({@code keys[l]} float {@code (head * headDim + d) * capacity + p}),
 * so attention scores for many positions are one vector of multiply-adds, with no horizontal
 * sums. Values keep one row per position ({@code values[l]} float {@code p * vDim}).
 */
final class KvCache implements AutoCloseable {
    final MemorySegment[] keys;
    final MemorySegment[] values;
    final int capacity;
    final int kvDim;
    final int vDim;
    final int headDim;
    private final Arena arena = Arena.ofShared();

    KvCache(int layers, int capacity, int kvDim, int vDim, int headDim) {
        this.capacity = capacity;
        this.kvDim = kvDim;
        this.vDim = vDim;
        this.headDim = headDim;
        this.keys = new MemorySegment[layers];
        this.values = new MemorySegment[layers];
        for (int l = 0; l < layers; l++) {
            keys[l] = arena.allocate(4L * capacity * kvDim, 64);
            values[l] = arena.allocate(4L * capacity * vDim, 64);
        }
    }

    /** Stores {@code kvDim} keys and {@code vDim} values of position {@code pos} of layer {@code layer}. */
    void put(int layer, int pos, float[] k, int kAt, float[] v, int vAt) {
        MemorySegment kt = keys[layer];
        for (int i = 0; i < kvDim; i++) {
            kt.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, (long) i * capacity + pos, k[kAt + i]);
        }
        MemorySegment.copy(v, vAt, values[layer], ValueLayout.JAVA_FLOAT, 4L * pos * vDim, vDim);
    }

    /** Byte offset of dimension {@code d} of key head {@code head} at position 0. */
    long keyRow(int head, int d) {
        return 4L * ((long) (head * headDim + d) * capacity);
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
