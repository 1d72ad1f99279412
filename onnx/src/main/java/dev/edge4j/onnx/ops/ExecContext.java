package dev.edge4j.onnx.ops;

import dev.edge4j.core.Parallel;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;

/** What an op may use while it runs: the thread pool and the run's buffer pool. */
public interface ExecContext {
    Parallel parallel();

    /**
     * A tensor for an op's output whose contents are <em>undefined</em> (it may reuse a buffer a
     * finished node released): the op must write every element.
     */
    Tensor alloc(DType dtype, Shape shape);

    /**
     * A work array of exactly {@code length} floats with undefined contents, for an op's
     * temporaries (a padded copy of its input); hand it back with {@link #recycle} when done so
     * later nodes reuse it.
     */
    default float[] scratch(int length) {
        return new float[length];
    }

    /** Returns a {@link #scratch} array; the op must not touch it afterwards. */
    default void recycle(float[] array) {
    }
}
