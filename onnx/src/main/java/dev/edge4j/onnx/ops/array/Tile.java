package dev.edge4j.onnx.ops.array;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import dev.edge4j.onnx.ops.Take;

/** Tile: repeats the input along each axis. */
final class Tile {
    private Tile() {}

    static SimpleOp create(OpSpec spec) {
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "input");
            long[] reps = Ops.longs(Ops.input(in, 1, "repeats"), "Tile repeats");
            int r = x.rank();
            if (reps.length != r) {
                throw new InvalidInputException("Tile repeats " + java.util.Arrays.toString(reps)
                        + " must have one entry per axis of " + x.shape());
            }
            int[] dims = x.dims();
            int[] out = new int[r];
            for (int d = 0; d < r; d++) {
                if (reps[d] < 0) {
                    throw new InvalidInputException("Tile repeats hold a negative count");
                }
                out[d] = Math.toIntExact(dims[d] * reps[d]);
            }
            Shape shape = Shape.of(out);
            int[] strides = x.shape().strides();
            int n = shape.size();
            int[] map = new int[n];
            int[] pos = new int[r];
            for (int i = 0; i < n; i++) {
                int src = 0;
                for (int d = 0; d < r; d++) {
                    src += (pos[d] % dims[d]) * strides[d];
                }
                map[i] = src;
                for (int d = r - 1; d >= 0; d--) {
                    if (++pos[d] < out[d]) {
                        break;
                    }
                    pos[d] = 0;
                }
            }
            return Take.take(x, map, shape);
        };
    }
}
