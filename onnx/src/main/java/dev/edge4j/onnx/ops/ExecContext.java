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
}
