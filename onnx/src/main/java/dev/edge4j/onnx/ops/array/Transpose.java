package dev.edge4j.onnx.ops.array;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import dev.edge4j.onnx.ops.Strided;
import dev.edge4j.onnx.ops.Take;

/** Transpose: permutes the axes (reverses them when no perm is given). */
final class Transpose {
    private Transpose() {}

    static SimpleOp create(OpSpec spec) {
        int[] perm = spec.attrs().getInts("perm", null);
        return (in, ctx) -> apply(Ops.input(in, 0, "data"), perm, ctx);
    }

    static Tensor apply(Tensor x, int[] permOrNull, ExecContext ctx) {
        int r = x.rank();
        int[] perm = permOrNull == null ? null : permOrNull.clone();
        if (perm == null) {
            perm = new int[r];
            for (int i = 0; i < r; i++) {
                perm[i] = r - 1 - i;
            }
        }
        if (perm.length != r) {
            throw new InvalidInputException("Transpose perm " + java.util.Arrays.toString(perm)
                    + " does not fit rank " + r);
        }
        boolean[] seen = new boolean[r];
        int[] dims = new int[r];
        for (int i = 0; i < r; i++) {
            int p = perm[i] < 0 ? perm[i] + r : perm[i];
            if (p < 0 || p >= r || seen[p]) {
                throw new InvalidInputException("Transpose perm " + java.util.Arrays.toString(perm)
                        + " is not a permutation of " + r + " axes");
            }
            seen[p] = true;
            perm[i] = p;
            dims[i] = x.shape().dim(p);
        }
        return Strided.transpose(x, perm, ctx);
    }
}
