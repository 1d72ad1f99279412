package dev.edge4j.onnx.ops.control;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Op;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Subgraph;

/** If: runs then_branch or else_branch by a boolean condition; the branch's outputs are the node's. */
final class If implements Op {
    private final Subgraph thenBranch;
    private final Subgraph elseBranch;

    If(OpSpec spec) {
        thenBranch = spec.subgraph("then_branch");
        elseBranch = spec.subgraph("else_branch");
    }

    @Override
    public Object[] run(Object[] in, ExecContext ctx) {
        if (!(in[0] instanceof Tensor cond) || cond.size() != 1) {
            throw new InvalidInputException("If condition must be a tensor with one element");
        }
        boolean c = cond.getDouble(0) != 0;
        Object[] outer = java.util.Arrays.copyOfRange(in, 1, in.length);
        return (c ? thenBranch : elseBranch).run(new Object[0], outer, ctx);
    }
}
