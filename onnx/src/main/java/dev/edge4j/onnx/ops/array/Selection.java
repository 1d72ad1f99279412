package dev.edge4j.onnx.ops.array;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import dev.edge4j.onnx.ops.Strided;
import dev.edge4j.onnx.ops.Take;
import java.util.ArrayList;
import java.util.List;

/** Ops that pick elements by a condition or rearrange blocks: NonZero, Compress, DepthToSpace, SpaceToDepth, ReverseSequence. */
final class Selection {
    private Selection() {}

    static SimpleOp nonZero(OpSpec spec) {
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "X");
            int r = x.rank();
            int n = x.size();
            List<Integer> hits = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean nz = x.dtype() == DType.STRING ? !x.strings()[i].isEmpty()
                        : x.dtype().isFloatingPoint() ? x.getDouble(i) != 0 : x.getLong(i) != 0;
                if (nz) {
                    hits.add(i);
                }
            }
            int[] strides = x.shape().strides();
            int cols = hits.size();
            long[] out = new long[Math.max(r, 1) * cols];
            for (int c = 0; c < cols; c++) {
                int flat = hits.get(c);
                for (int d = 0; d < r; d++) {
                    out[d * cols + c] = flat / strides[d];
                    flat %= strides[d];
                }
            }
            return Tensor.of(out, Math.max(r, 1) == r ? r : 1, cols);
        };
    }

    static SimpleOp compress(OpSpec spec) {
        Long axis = spec.attrs().has("axis") ? spec.attrs().getLong("axis", 0) : null;
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "input");
            Tensor cond = Ops.input(in, 1, "condition");
            Ops.requireType(cond, "Compress condition", DType.BOOL);
            boolean[] c = cond.booleans();
            Tensor src = axis == null ? x.reshape(x.size()) : x;
            int ax = axis == null ? 0 : Ops.axis(axis, x.rank());
            int len = src.shape().dim(ax);
            if (c.length > len) {
                throw new InvalidInputException("Compress condition has " + c.length
                        + " entries, the axis only " + len);
            }
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < c.length; i++) {
                if (c[i]) {
                    keep.add(i);
                }
            }
            int[] dims = src.dims();
            int outer = src.shape().sizeBetween(0, ax);
            int inner = src.shape().sizeBetween(ax + 1, dims.length);
            dims[ax] = keep.size();
            Shape shape = Shape.of(dims);
            Object out = x.dtype().newArray(shape.size());
            int pos = 0;
            for (int o = 0; o < outer; o++) {
                for (int k : keep) {
                    System.arraycopy(src.data(), (o * len + k) * inner, out, pos, inner);
                    pos += inner;
                }
            }
            return Tensor.wrap(x.dtype(), shape, out);
        };
    }

    static SimpleOp depthToSpace(OpSpec spec) {
        int b = spec.attrs().getInt("blocksize", 0);
        boolean crd = spec.attrs().getString("mode", "DCR").equals("CRD");
        if (b <= 0) {
            throw Ops.badModel(spec, "DepthToSpace needs a positive blocksize");
        }
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "input");
            Ops.requireRank(x, 4, "DepthToSpace input");
            int n = x.shape().dim(0);
            int c = x.shape().dim(1);
            int h = x.shape().dim(2);
            int w = x.shape().dim(3);
            if (c % (b * b) != 0) {
                throw new InvalidInputException("DepthToSpace channels " + c + " are not divisible by " + (b * b));
            }
            int oc = c / (b * b);
            int[] view = crd ? new int[] {n, oc, b, b, h, w} : new int[] {n, b, b, oc, h, w};
            int[] perm = crd ? new int[] {0, 1, 4, 2, 5, 3} : new int[] {0, 3, 4, 1, 5, 2};
            int[] map = Strided.transpose(view, perm);
            return Take.take(x, map, Shape.of(n, oc, h * b, w * b));
        };
    }

    static SimpleOp spaceToDepth(OpSpec spec) {
        int b = spec.attrs().getInt("blocksize", 0);
        if (b <= 0) {
            throw Ops.badModel(spec, "SpaceToDepth needs a positive blocksize");
        }
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "input");
            Ops.requireRank(x, 4, "SpaceToDepth input");
            int n = x.shape().dim(0);
            int c = x.shape().dim(1);
            int h = x.shape().dim(2);
            int w = x.shape().dim(3);
            if (h % b != 0 || w % b != 0) {
                throw new InvalidInputException("SpaceToDepth: " + x.shape() + " is not divisible by blocksize " + b);
            }
            int[] view = {n, c, h / b, b, w / b, b};
            int[] map = Strided.transpose(view, new int[] {0, 3, 5, 1, 2, 4});
            return Take.take(x, map, Shape.of(n, c * b * b, h / b, w / b));
        };
    }

    static SimpleOp reverseSequence(OpSpec spec) {
        int batchAxis = spec.attrs().getInt("batch_axis", 1);
        int timeAxis = spec.attrs().getInt("time_axis", 0);
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "input");
            long[] lens = Ops.longs(Ops.input(in, 1, "sequence_lens"), "ReverseSequence sequence_lens");
            int[] dims = x.dims();
            int[] strides = x.shape().strides();
            int n = x.size();
            int[] map = new int[n];
            int[] pos = new int[dims.length];
            for (int i = 0; i < n; i++) {
                int b = pos[batchAxis];
                int t = pos[timeAxis];
                long len = lens[b];
                if (len < 0 || len > dims[timeAxis]) {
                    throw new InvalidInputException("ReverseSequence length " + len + " exceeds the time axis");
                }
                int src = i;
                if (t < len) {
                    src = i + (int) ((len - 1 - t) - t) * strides[timeAxis];
                }
                map[i] = src;
                for (int d = dims.length - 1; d >= 0; d--) {
                    if (++pos[d] < dims[d]) {
                        break;
                    }
                    pos[d] = 0;
                }
            }
            return Take.take(x, map, x.shape());
        };
    }
}
