package dev.edge4j.onnx.ops.array;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import java.util.ArrayList;
import java.util.List;

/** Ops that only reinterpret shapes: Shape, Size, Reshape, Flatten, Squeeze, Unsqueeze, Identity. */
final class ShapeOps {
    private ShapeOps() {}

    static SimpleOp shape(OpSpec spec) {
        long start = spec.attrs().getLong("start", 0);
        Long end = spec.attrs().has("end") ? spec.attrs().getLong("end", 0) : null;
        return (in, ctx) -> {
            long[] dims = Ops.input(in, 0, "data").shape().toLongArray();
            int r = dims.length;
            int s = (int) clamp(start < 0 ? start + r : start, 0, r);
            int e = end == null ? r : (int) clamp(end < 0 ? end + r : end, 0, r);
            long[] out = java.util.Arrays.copyOfRange(dims, s, Math.max(s, e));
            return Tensor.of(out, out.length);
        };
    }

    static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static SimpleOp size(OpSpec spec) {
        return (in, ctx) -> Tensor.scalar((long) Ops.input(in, 0, "data").size());
    }

    static SimpleOp reshape(OpSpec spec) {
        boolean allowZero = spec.attrs().getLong("allowzero", 0) != 0;
        long[] attrShape = spec.opset() < 5 ? spec.attrs().getLongs("shape", null) : null;
        return (in, ctx) -> {
            Tensor data = Ops.input(in, 0, "data");
            long[] target = attrShape != null ? attrShape : Ops.longs(Ops.input(in, 1, "shape"), "Reshape shape");
            return data.reshape(reshapeTarget(data.shape(), target, allowZero));
        };
    }

    /** Resolves 0 (copy the input dimension, unless allowzero) and one -1 (infer). */
    static Shape reshapeTarget(Shape in, long[] target, boolean allowZero) {
        int[] dims = new int[target.length];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            long d = target[i];
            if (d == -1) {
                if (infer >= 0) {
                    throw new InvalidInputException("Reshape target " + java.util.Arrays.toString(target)
                            + " has more than one -1");
                }
                infer = i;
                continue;
            }
            if (d == 0 && !allowZero) {
                if (i >= in.rank()) {
                    throw new InvalidInputException("Reshape target " + java.util.Arrays.toString(target)
                            + " copies dimension " + i + ", which " + in + " lacks");
                }
                d = in.dim(i);
            }
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new InvalidInputException("Reshape target holds the invalid dimension " + d);
            }
            dims[i] = (int) d;
            known *= d;
        }
        if (infer >= 0) {
            if (known == 0 || in.size() % known != 0) {
                throw new InvalidInputException("cannot reshape " + in + " to " + java.util.Arrays.toString(target));
            }
            dims[infer] = (int) (in.size() / known);
        }
        Shape s = Shape.of(dims);
        if (s.size() != in.size()) {
            throw new InvalidInputException("cannot reshape " + in + " (" + in.size() + " elements) to "
                    + java.util.Arrays.toString(target));
        }
        return s;
    }

    static SimpleOp flatten(OpSpec spec) {
        long axis = spec.attrs().getLong("axis", 1);
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "input");
            int r = x.rank();
            long a = axis < 0 ? axis + r : axis;
            if (a < 0 || a > r) {
                throw new InvalidInputException("Flatten axis " + axis + " is out of range for rank " + r);
            }
            int outer = x.shape().sizeBetween(0, (int) a);
            return x.reshape(outer, x.shape().sizeBetween((int) a, r));
        };
    }

    static SimpleOp squeeze(OpSpec spec) {
        long[] attrAxes = spec.opset() < 13 ? spec.attrs().getLongs("axes", null) : null;
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "data");
            long[] axes = attrAxes != null ? attrAxes
                    : Ops.optional(in, 1) != null ? Ops.longs(in[1], "Squeeze axes") : null;
            int r = x.rank();
            boolean[] drop = new boolean[r];
            if (axes == null) {
                for (int i = 0; i < r; i++) {
                    drop[i] = x.shape().dim(i) == 1;
                }
            } else {
                for (long a : axes) {
                    int ax = Ops.axis(a, r);
                    if (x.shape().dim(ax) != 1) {
                        throw new InvalidInputException("cannot squeeze axis " + a + " of " + x.shape()
                                + ": its size is not 1");
                    }
                    drop[ax] = true;
                }
            }
            List<Integer> dims = new ArrayList<>();
            for (int i = 0; i < r; i++) {
                if (!drop[i]) {
                    dims.add(x.shape().dim(i));
                }
            }
            return x.reshape(dims.stream().mapToInt(Integer::intValue).toArray());
        };
    }

    static SimpleOp unsqueeze(OpSpec spec) {
        long[] attrAxes = spec.opset() < 13 ? spec.attrs().getLongs("axes", null) : null;
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "data");
            long[] axes = attrAxes != null ? attrAxes : Ops.longs(Ops.input(in, 1, "axes"), "Unsqueeze axes");
            int r = x.rank() + axes.length;
            boolean[] added = new boolean[r];
            for (long a : axes) {
                int ax = Ops.axis(a, r);
                if (added[ax]) {
                    throw new InvalidInputException("Unsqueeze axes repeat axis " + a);
                }
                added[ax] = true;
            }
            int[] dims = new int[r];
            int k = 0;
            for (int i = 0; i < r; i++) {
                dims[i] = added[i] ? 1 : x.shape().dim(k++);
            }
            return x.reshape(dims);
        };
    }

    static SimpleOp constantOfShape(OpSpec spec) {
        Tensor value = spec.attrs().getTensor("value");
        Tensor v = value == null ? Tensor.of(new float[] {0}, 1) : value;
        return (in, ctx) -> {
            Tensor shapeT = Ops.input(in, 0, "input");
            int[] dims = Ops.dims(Ops.longs(shapeT, "ConstantOfShape shape"), "ConstantOfShape shape");
            if (v.size() != 1) {
                throw new InvalidInputException("ConstantOfShape value must hold one element");
            }
            return dev.edge4j.onnx.ops.Take.fill(v, Shape.of(dims));
        };
    }
}
