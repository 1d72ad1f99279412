package dev.edge4j.onnx.runtime;

import dev.edge4j.core.Parallel;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.OptionalValue;
import dev.edge4j.onnx.TensorSequence;
import dev.edge4j.onnx.ops.ExecContext;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The mutable side of one run: the thread pool, the buffer pool, and for each array allocated in
 * this run how many frame slots hold it. When the last slot holding an array dies, the array goes
 * back to the pool. Arrays the run did not allocate (weights, the caller's inputs) are never
 * pooled, and neither is anything that escaped into a sequence or optional.
 */
final class RunState implements ExecContext {
    private final Parallel parallel;
    private final BufferPool pool;
    private final Map<Object, int[]> holders = new IdentityHashMap<>();
    /** Arrays this run computed into, tracked only when a profile asks for the peak. */
    private final Map<Object, Boolean> used;
    private long usedBytes;

    RunState(Parallel parallel, BufferPool pool, boolean trackMemory) {
        this.parallel = parallel;
        this.pool = pool;
        this.used = trackMemory ? new IdentityHashMap<>() : null;
    }

    BufferPool pool() {
        return pool;
    }

    @Override
    public Parallel parallel() {
        return parallel;
    }

    @Override
    public Tensor alloc(DType dtype, Shape shape) {
        int length = shape.size() * dtype.slotsPerElement();
        Object array = dtype == DType.STRING ? null : pool.take(dtype, length);
        if (array == null) {
            array = dtype.newArray(shape.size());
        }
        holders.put(array, new int[] {0});
        if (used != null && used.put(array, Boolean.TRUE) == null) {
            usedBytes += bytes(dtype.carrier(), length);
        }
        return Tensor.wrap(dtype, shape, array);
    }

    @Override
    public float[] scratch(int length) {
        Object array = pool.take(DType.FLOAT32, length);
        if (array == null) {
            array = new float[length];
        }
        if (used != null && used.put(array, Boolean.TRUE) == null) {
            usedBytes += 4L * length;
        }
        return (float[]) array;
    }

    @Override
    public void recycle(float[] array) {
        pool.give(DType.Carrier.FLOAT, array.length, array);
    }

    /**
     * The bytes of the distinct arrays this run computed into: what a run needs beside the
     * weights and inputs, since a released array is reused rather than freed.
     */
    long peakBytes() {
        return usedBytes;
    }

    private static long bytes(DType.Carrier carrier, int length) {
        return (long) length * switch (carrier) {
            case DOUBLE, LONG -> 8;
            case FLOAT, INT -> 4;
            case SHORT -> 2;
            case BYTE, BOOLEAN -> 1;
            case STRING -> 8;
        };
    }

    /** A value was stored in a frame slot. */
    void hold(Object value) {
        if (value instanceof Tensor t) {
            int[] count = holders.get(t.data());
            if (count != null) {
                count[0]++;
            }
        } else if (value != null) {
            pin(value);
        }
    }

    /** A frame slot holding {@code value} died. */
    void drop(Object value) {
        if (value instanceof Tensor t) {
            Object array = t.data();
            int[] count = holders.get(array);
            if (count != null && --count[0] == 0) {
                holders.remove(array);
                pool.give(t.dtype().carrier(), java.lang.reflect.Array.getLength(array), array);
            }
        }
    }

    /** Takes every array inside a sequence or optional out of pooling for good. */
    private void pin(Object value) {
        switch (value) {
            case Tensor t -> holders.remove(t.data());
            case TensorSequence s -> s.tensors().forEach(this::pin);
            case OptionalValue o -> {
                if (o.value() != null) {
                    pin(o.value());
                }
            }
            default -> { }
        }
    }

    /** Outputs leave the run: their arrays must never be pooled. */
    void release(Object value) {
        pin(value);
    }
}
