package dev.edge4j.onnx.ops.array;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.TensorOp;

/**
 * Split: cuts a tensor along an axis into given lengths (attribute before opset 13, input after),
 * or into equal parts (the last one smaller when uneven, as opset 18 allows).
 */
final class Split {
    private Split() {}

    static TensorOp create(OpSpec spec) {
        long axis = spec.attrs().getLong("axis", 0);
        long[] attrSplit = spec.opset() < 13 ? spec.attrs().getLongs("split", null) : null;
        int outputs = spec.outputCount();
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "input");
            long[] split = attrSplit != null ? attrSplit
                    : Ops.optional(in, 1) != null ? Ops.longs(in[1], "Split split") : null;
            int ax = Ops.axis(axis, x.rank());
            return apply(x, ax, lengths(x.shape().dim(ax), split, outputs));
        };
    }

    static long[] lengths(int dim, long[] split, int parts) {
        if (split != null) {
            long sum = 0;
            for (long s : split) {
                if (s < 0) {
                    throw new InvalidInputException("Split lengths " + java.util.Arrays.toString(split) + " hold a negative length");
                }
                sum += s;
            }
            if (sum != dim) {
                throw new InvalidInputException("Split lengths " + java.util.Arrays.toString(split)
                        + " do not add up to the axis length " + dim);
            }
            return split;
        }
        long[] l = new long[parts];
        long each = (dim + parts - 1) / parts;
        long left = dim;
        for (int i = 0; i < parts; i++) {
            l[i] = Math.min(each, left);
            left -= l[i];
        }
        return l;
    }

    static Tensor[] apply(Tensor x, int ax, long[] lengths) {
        Tensor[] out = new Tensor[lengths.length];
        int[] dims = x.dims();
        int r = dims.length;
        int outer = x.shape().sizeBetween(0, ax);
        int inner = x.shape().sizeBetween(ax + 1, r);
        int axisLen = dims[ax];
        int start = 0;
        for (int p = 0; p < lengths.length; p++) {
            int len = (int) lengths[p];
            dims[ax] = len;
            Shape s = Shape.of(dims);
            Object data = x.dtype().newArray(s.size());
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x.data(), (o * axisLen + start) * inner, data, o * len * inner, len * inner);
            }
            out[p] = Tensor.wrap(x.dtype(), s, data);
            start += len;
        }
        return out;
    }
}
