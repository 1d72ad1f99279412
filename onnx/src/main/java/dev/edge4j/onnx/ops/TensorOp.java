package dev.edge4j.onnx.ops;

import dev.edge4j.core.tensor.Tensor;

/** An op on tensors only, with any number of outputs. */
@FunctionalInterface
public interface TensorOp extends Op {
    Tensor[] compute(Tensor[] in, ExecContext ctx);

    @Override
    default Object[] run(Object[] inputs, ExecContext ctx) {
        return compute(Ops.tensors(inputs), ctx);
    }
}
