package dev.edge4j.onnx.ops.math;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.Broadcast;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import dev.edge4j.onnx.ops.Take;

/** Where(condition, X, Y): X where the condition holds, else Y, all three broadcast. */
public final class Where implements SimpleOp {
    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor c = Ops.input(in, 0, "condition");
        Tensor x = Ops.input(in, 1, "X");
        Tensor y = Ops.input(in, 2, "Y");
        Ops.requireType(c, "Where condition", DType.BOOL);
        Ops.requireSameType(x, y, "Where");
        Shape shape = Broadcast.shape(c.shape(), x.shape(), y.shape());
        int[] ci = Broadcast.indexMap(c.shape(), shape);
        int[] xi = Broadcast.indexMap(x.shape(), shape);
        int[] yi = Broadcast.indexMap(y.shape(), shape);
        boolean[] cond = c.booleans();
        Tensor fromX = Take.take(x, xi, shape);
        Tensor fromY = Take.take(y, yi, shape);
        // Merge: keep X's element where the condition holds, Y's elsewhere.
        int n = shape.size();
        int[] pick = new int[n];
        Object merged = x.dtype().newArray(n);
        Object xs = fromX.data();
        Object ys = fromY.data();
        int countX = 0;
        for (int i = 0; i < n; i++) {
            if (cond[ci[i]]) {
                pick[countX++] = i;
            }
        }
        System.arraycopy(ys, 0, merged, 0, n);
        for (int k = 0; k < countX; k++) {
            System.arraycopy(xs, pick[k], merged, pick[k], 1);
        }
        return Tensor.wrap(x.dtype(), shape, merged);
    }
}
