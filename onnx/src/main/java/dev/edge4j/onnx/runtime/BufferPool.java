package dev.edge4j.onnx.runtime;

import dev.edge4j.core.tensor.DType;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Arrays released by finished nodes, kept for the next node that needs one of the same carrier
 * type and length. One pool serves one run at a time; a model keeps its pools between runs, so a
 * steady stream of same-shaped runs allocates (almost) nothing.
 */
final class BufferPool {
    private final Map<Long, ArrayDeque<Object>> free = new HashMap<>();

    Object take(DType dtype, int length) {
        ArrayDeque<Object> q = free.get(key(dtype.carrier(), length));
        return q == null ? null : q.pollLast();
    }

    void give(DType.Carrier carrier, int length, Object array) {
        free.computeIfAbsent(key(carrier, length), k -> new ArrayDeque<>()).addLast(array);
    }

    private static long key(DType.Carrier carrier, int length) {
        return ((long) carrier.ordinal() << 32) | length;
    }
}
