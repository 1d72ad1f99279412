package dev.edge4j.onnx.ops.array;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import java.util.ArrayList;
import java.util.List;

/** Concat: joins tensors along an axis; the other dimensions must agree. */
final class Concat {
    private Concat() {}

    static SimpleOp create(OpSpec spec) {
        long axis = spec.attrs().getLong("axis", spec.opset() < 4 ? 1 : Long.MIN_VALUE);
        if (axis == Long.MIN_VALUE) {
            spec.attrs().require("axis");
        }
        return (in, ctx) -> {
            List<Tensor> parts = new ArrayList<>();
            for (Tensor t : in) {
                if (t != null) {
                    parts.add(t);
                }
            }
            return apply(parts, axis, ctx);
        };
    }

    static Tensor apply(List<Tensor> parts, long axis, ExecContext ctx) {
        if (parts.isEmpty()) {
            throw new InvalidInputException("Concat needs at least one input");
        }
        Tensor first = parts.get(0);
        int r = first.rank();
        int ax = Ops.axis(axis, r);
        int[] dims = first.dims();
        int total = 0;
        for (Tensor t : parts) {
            if (t.dtype() != first.dtype() || t.rank() != r) {
                throw new InvalidInputException("Concat inputs differ: " + first.dtype() + first.shape()
                        + " and " + t.dtype() + t.shape());
            }
            for (int d = 0; d < r; d++) {
                if (d != ax && t.shape().dim(d) != dims[d]) {
                    throw new InvalidInputException("Concat inputs " + first.shape() + " and " + t.shape()
                            + " differ outside axis " + ax);
                }
            }
            total += t.shape().dim(ax);
        }
        dims[ax] = total;
        Shape shape = Shape.of(dims);
        Tensor result = first.dtype() == dev.edge4j.core.tensor.DType.STRING ? Tensor.zeros(first.dtype(), shape)
                : ctx.alloc(first.dtype(), shape);
        Object out = result.data();
        int outer = shape.sizeBetween(0, ax);
        int innerOut = shape.sizeBetween(ax, r);
        int offset = 0;
        for (Tensor t : parts) {
            int block = t.shape().sizeBetween(ax, r);
            if (block < 16 && out instanceof float[] dst) {
                // Short runs: a plain loop beats a call per run.
                float[] src = t.floats();
                if (block == 2) {
                    // Pairs (box corners, class scores): unrolled, a two-step loop costs more than it moves.
                    for (int o = 0, d = offset; o < outer; o++, d += innerOut) {
                        dst[d] = src[2 * o];
                        dst[d + 1] = src[2 * o + 1];
                    }
                    offset += block;
                    continue;
                }
                for (int o = 0; o < outer; o++) {
                    int d = o * innerOut + offset;
                    int si = o * block;
                    for (int i = 0; i < block; i++) {
                        dst[d + i] = src[si + i];
                    }
                }
            } else {
                for (int o = 0; o < outer; o++) {
                    System.arraycopy(t.data(), o * block, out, o * innerOut + offset, block);
                }
            }
            offset += block;
        }
        return result;
    }
}
