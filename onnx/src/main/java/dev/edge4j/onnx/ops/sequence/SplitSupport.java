package dev.edge4j.onnx.ops.sequence;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import java.util.List;

/** Splitting and joining tensors along an axis, for the sequence operators. */
final class SplitSupport {
    private SplitSupport() {}

    static Tensor[] split(Tensor x, int ax, long[] lengths) {
        long sum = 0;
        for (long l : lengths) {
            if (l < 0) {
                throw new InvalidInputException("split lengths must not be negative");
            }
            sum += l;
        }
        if (sum != x.shape().dim(ax)) {
            throw new InvalidInputException("split lengths add up to " + sum + ", the axis has " + x.shape().dim(ax));
        }
        Tensor[] out = new Tensor[lengths.length];
        int[] dims = x.dims();
        int outer = x.shape().sizeBetween(0, ax);
        int inner = x.shape().sizeBetween(ax + 1, dims.length);
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

    static Tensor concat(List<Tensor> parts, int ax) {
        Tensor first = parts.get(0);
        int r = first.rank();
        int[] dims = first.dims();
        int total = 0;
        for (Tensor t : parts) {
            if (t.rank() != r || t.dtype() != first.dtype()) {
                throw new InvalidInputException("cannot concatenate " + first.shape() + " and " + t.shape());
            }
            for (int d = 0; d < r; d++) {
                if (d != ax && t.shape().dim(d) != dims[d]) {
                    throw new InvalidInputException("cannot concatenate " + first.shape() + " and " + t.shape());
                }
            }
            total += t.shape().dim(ax);
        }
        dims[ax] = total;
        Shape shape = Shape.of(dims);
        Object out = first.dtype().newArray(shape.size());
        int outer = shape.sizeBetween(0, ax);
        int rowOut = shape.sizeBetween(ax, r);
        int off = 0;
        for (Tensor t : parts) {
            int block = t.shape().sizeBetween(ax, r);
            for (int o = 0; o < outer; o++) {
                System.arraycopy(t.data(), o * block, out, o * rowOut + off, block);
            }
            off += block;
        }
        return Tensor.wrap(first.dtype(), shape, out);
    }
}
