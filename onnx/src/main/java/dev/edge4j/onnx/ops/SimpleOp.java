package dev.edge4j.onnx.ops;

import dev.edge4j.core.tensor.Tensor;

/** An op on tensors with a single output: most operators. */
@FunctionalInterface
public interface SimpleOp extends Op {
    Tensor compute(Tensor[] in, ExecContext ctx);

    @Override
    default Object[] run(Object[] inputs, ExecContext ctx) {
        return new Object[] {compute(Ops.tensors(inputs), ctx)};
    }
}
