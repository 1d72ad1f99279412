package dev.edge4j.onnx.ops.array;

import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.Broadcast;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import dev.edge4j.onnx.ops.Take;

/** Expand: broadcasts the input against a shape (either side may stretch, as in NumPy). */
final class Expand {
    private Expand() {}

    static SimpleOp create(OpSpec spec) {
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "input");
            int[] dims = Ops.dims(Ops.longs(Ops.input(in, 1, "shape"), "Expand shape"), "Expand shape");
            Shape shape = Broadcast.shape(x.shape(), Shape.of(dims));
            return Take.take(x, Broadcast.indexMap(x.shape(), shape), shape);
        };
    }
}
