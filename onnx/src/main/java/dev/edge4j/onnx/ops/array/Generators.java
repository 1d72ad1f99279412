package dev.edge4j.onnx.ops.array;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/** Ops that build tensors from parameters: Range, EyeLike, OneHot, Trilu. */
final class Generators {
    private Generators() {}

    static SimpleOp range(OpSpec spec) {
        return (in, ctx) -> {
            Tensor start = Ops.input(in, 0, "start");
            Tensor limit = Ops.input(in, 1, "limit");
            Tensor delta = Ops.input(in, 2, "delta");
            DType t = start.dtype();
            if (t.isInteger()) {
                long s = Ops.scalarLong(start, "Range start");
                long l = Ops.scalarLong(limit, "Range limit");
                long d = Ops.scalarLong(delta, "Range delta");
                if (d == 0) {
                    throw new InvalidInputException("Range delta is 0");
                }
                long count = Math.max(0, (long) Math.ceil((double) (l - s) / d));
                Tensor out = Tensor.zeros(t, Shape.of(checked(count)));
                for (int i = 0; i < count; i++) {
                    out.setLong(i, s + i * d);
                }
                return out;
            }
            double s = Ops.scalarDouble(start, "Range start");
            double l = Ops.scalarDouble(limit, "Range limit");
            double d = Ops.scalarDouble(delta, "Range delta");
            if (d == 0 || Double.isNaN(d)) {
                throw new InvalidInputException("Range delta is " + d);
            }
            long count = Math.max(0, (long) Math.ceil((l - s) / d));
            Tensor out = Tensor.zeros(t, Shape.of(checked(count)));
            for (int i = 0; i < count; i++) {
                out.setDouble(i, t == DType.FLOAT32 ? (float) s + i * (float) d : s + i * d);
            }
            return out;
        };
    }

    private static int checked(long count) {
        if (count > 100_000_000L) {
            throw new InvalidInputException("Range would produce " + count + " elements");
        }
        return (int) count;
    }

    static SimpleOp eyeLike(OpSpec spec) {
        int k = spec.attrs().getInt("k", 0);
        Integer dtype = spec.attrs().has("dtype") ? spec.attrs().getInt("dtype", 1) : null;
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "input");
            Ops.requireRank(x, 2, "EyeLike input");
            DType t = dtype == null ? x.dtype() : DType.fromOnnx(dtype);
            Tensor out = Tensor.zeros(t, x.shape());
            int rows = x.shape().dim(0);
            int cols = x.shape().dim(1);
            for (int i = 0; i < rows; i++) {
                int j = i + k;
                if (j >= 0 && j < cols) {
                    out.setDouble(i * cols + j, 1);
                }
            }
            return out;
        };
    }

    static SimpleOp oneHot(OpSpec spec) {
        long axis = spec.attrs().getLong("axis", -1);
        return (in, ctx) -> {
            Tensor indices = Ops.input(in, 0, "indices");
            long depth = (long) Ops.scalarDouble(Ops.input(in, 1, "depth"), "OneHot depth");
            Tensor values = Ops.input(in, 2, "values");
            if (values.size() != 2) {
                throw new InvalidInputException("OneHot values must hold [off, on]");
            }
            if (depth < 1) {
                throw new InvalidInputException("OneHot depth " + depth + " must be positive");
            }
            int r = indices.rank() + 1;
            int ax = Ops.axis(axis, r);
            int[] dims = new int[r];
            int[] idims = indices.dims();
            for (int d = 0, k = 0; d < r; d++) {
                dims[d] = d == ax ? (int) depth : idims[k++];
            }
            Shape shape = Shape.of(dims);
            int outer = shape.sizeBetween(0, ax);
            int inner = shape.sizeBetween(ax + 1, r);
            Tensor out = dev.edge4j.onnx.ops.Take.take(values, new int[shape.size()], shape);
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    double v = indices.getDouble(o * inner + i);
                    long c = (long) v;
                    if (c < 0) {
                        c += depth;
                    }
                    if (c >= 0 && c < depth) {
                        System.arraycopy(values.data(), 1, out.data(), (int) ((o * depth + c) * inner + i), 1);
                    }
                }
            }
            return out;
        };
    }

    static SimpleOp trilu(OpSpec spec) {
        boolean upper = spec.attrs().getLong("upper", 1) != 0;
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "input");
            long k = Ops.optional(in, 1) == null ? 0 : Ops.scalarLong(in[1], "Trilu k");
            Ops.requireMinRank(x, 2, "Trilu input");
            int rows = x.shape().dim(-2);
            int cols = x.shape().dim(-1);
            Tensor out = x.copy();
            Tensor zero = Tensor.zeros(x.dtype(), Shape.of(1));
            int mats = x.shape().sizeBetween(0, x.rank() - 2);
            for (int m = 0; m < mats; m++) {
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        boolean keep = upper ? j - i >= k : j - i <= k;
                        if (!keep) {
                            System.arraycopy(zero.data(), 0, out.data(), (m * rows + i) * cols + j, 1);
                        }
                    }
                }
            }
            return out;
        };
    }
}
