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

/** Slice: a strided window per axis (attributes before opset 10, inputs after), clamped as NumPy does. */
final class Slice {
    private Slice() {}

    static SimpleOp create(OpSpec spec) {
        if (spec.opset() < 10) {
            long[] starts = spec.attrs().getLongs("starts", null);
            long[] ends = spec.attrs().getLongs("ends", null);
            long[] axes = spec.attrs().getLongs("axes", null);
            if (starts == null || ends == null) {
                throw Ops.badModel(spec, "Slice needs the starts and ends attributes");
            }
            return (in, ctx) -> apply(Ops.input(in, 0, "data"), starts, ends, axes, null, ctx);
        }
        return (in, ctx) -> apply(Ops.input(in, 0, "data"),
                Ops.longs(Ops.input(in, 1, "starts"), "Slice starts"),
                Ops.longs(Ops.input(in, 2, "ends"), "Slice ends"),
                Ops.optional(in, 3) == null ? null : Ops.longs(in[3], "Slice axes"),
                Ops.optional(in, 4) == null ? null : Ops.longs(in[4], "Slice steps"), ctx);
    }

    static Tensor apply(Tensor x, long[] starts, long[] ends, long[] axes, long[] steps, ExecContext ctx) {
        int r = x.rank();
        if (starts.length != ends.length || (axes != null && axes.length != starts.length)
                || (steps != null && steps.length != starts.length)) {
            throw new InvalidInputException("Slice starts, ends, axes and steps differ in length");
        }
        int[] dims = x.dims();
        int[] inStrides = x.shape().strides();
        int[] outDims = dims.clone();
        int[] strides = inStrides.clone();
        int base = 0;
        boolean[] seen = new boolean[r];
        for (int i = 0; i < starts.length; i++) {
            int ax = Ops.axis(axes == null ? i : axes[i], r);
            if (seen[ax]) {
                throw new InvalidInputException("Slice axes repeat axis " + ax);
            }
            seen[ax] = true;
            long step = steps == null ? 1 : steps[i];
            if (step == 0) {
                throw new InvalidInputException("Slice step is 0");
            }
            long dim = dims[ax];
            long s = starts[i] < 0 ? starts[i] + dim : starts[i];
            long e = ends[i] < 0 ? ends[i] + dim : ends[i];
            long count;
            if (step > 0) {
                s = Math.max(0, Math.min(dim, s));
                e = Math.max(0, Math.min(dim, e));
                count = e > s ? (e - s + step - 1) / step : 0;
            } else {
                s = Math.max(-1, Math.min(dim - 1, s));
                e = Math.max(-1, Math.min(dim - 1, e));
                count = s > e ? (s - e - step - 1) / -step : 0;
            }
            outDims[ax] = (int) count;
            strides[ax] = (int) (inStrides[ax] * step);
            if (count > 0) {
                base += (int) (s * inStrides[ax]);
            }
        }
        Shape shape = Shape.of(outDims);
        if (shape.size() == 0) {
            return Tensor.zeros(x.dtype(), shape);
        }
        return Strided.view(x, outDims, strides, base, ctx);
    }
}
