package dev.edge4j.onnx.runtime;

import dev.edge4j.core.tensor.DType;
import java.util.ArrayList;
import java.util.List;

/**
 * Arrays released by finished nodes, kept for the next node that needs one of the same carrier
 * type and length. One pool serves one run at a time; a model keeps its pools between runs, so a
 * steady stream of same-shaped runs allocates nothing. A model has few distinct sizes, so the
 * pool is a short list of stacks searched in order: no boxing, no hashing on the hot path.
 */
final class BufferPool {
    private long[] keys = new long[16];
    private final List<Object[]> stacks = new ArrayList<>();
    private int[] sizes = new int[16];
    private int count;

    Object take(DType dtype, int length) {
        int i = find(key(dtype.carrier(), length));
        if (i < 0 || sizes[i] == 0) {
            return null;
        }
        Object[] stack = stacks.get(i);
        Object a = stack[--sizes[i]];
        stack[sizes[i]] = null;
        return a;
    }

    void give(DType.Carrier carrier, int length, Object array) {
        long k = key(carrier, length);
        int i = find(k);
        if (i < 0) {
            if (count == keys.length) {
                keys = java.util.Arrays.copyOf(keys, count * 2);
                sizes = java.util.Arrays.copyOf(sizes, count * 2);
            }
            keys[count] = k;
            stacks.add(new Object[4]);
            i = count++;
        }
        Object[] stack = stacks.get(i);
        if (sizes[i] == stack.length) {
            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
            stacks.set(i, stack);
        }
        stack[sizes[i]++] = array;
    }

    private int find(long k) {
        for (int i = 0; i < count; i++) {
            if (keys[i] == k) {
                return i;
            }
        }
        return -1;
    }

    private static long key(DType.Carrier carrier, int length) {
        return ((long) carrier.ordinal() << 32) | length;
    }
}
