package dev.edge4j.onnx.ops.array;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import dev.edge4j.onnx.ops.Take;

/** Gather, GatherElements and GatherND: reading elements at indices (negative ones count from the end). */
final class GatherOps {
    private GatherOps() {}

    static int index(long i, int dim, String what) {
        long v = i < 0 ? i + dim : i;
        if (v < 0 || v >= dim) {
            throw new InvalidInputException(what + " index " + i + " is out of range for a dimension of " + dim);
        }
        return (int) v;
    }

    static SimpleOp gather(OpSpec spec) {
        long axis = spec.attrs().getLong("axis", 0);
        return (in, ctx) -> {
            Tensor data = Ops.input(in, 0, "data");
            Tensor indices = Ops.input(in, 1, "indices");
            int ax = Ops.axis(axis, data.rank());
            long[] idx = Ops.longs(indices, "Gather indices");
            int[] dims = data.dims();
            int outer = data.shape().sizeBetween(0, ax);
            int inner = data.shape().sizeBetween(ax + 1, dims.length);
            int axisLen = dims[ax];
            int[] outDims = new int[dims.length - 1 + indices.rank()];
            int k = 0;
            for (int d = 0; d < ax; d++) {
                outDims[k++] = dims[d];
            }
            for (int d : indices.dims()) {
                outDims[k++] = d;
            }
            for (int d = ax + 1; d < dims.length; d++) {
                outDims[k++] = dims[d];
            }
            Shape shape = Shape.of(outDims);
            Object out = data.dtype().newArray(shape.size());
            int pos = 0;
            for (int o = 0; o < outer; o++) {
                for (long i : idx) {
                    int j = index(i, axisLen, "Gather");
                    System.arraycopy(data.data(), (o * axisLen + j) * inner, out, pos, inner);
                    pos += inner;
                }
            }
            return Tensor.wrap(data.dtype(), shape, out);
        };
    }

    static SimpleOp gatherElements(OpSpec spec) {
        long axis = spec.attrs().getLong("axis", 0);
        return (in, ctx) -> {
            Tensor data = Ops.input(in, 0, "data");
            Tensor indices = Ops.input(in, 1, "indices");
            int r = data.rank();
            if (indices.rank() != r) {
                throw new InvalidInputException("GatherElements indices " + indices.shape()
                        + " must have the rank of data " + data.shape());
            }
            int ax = Ops.axis(axis, r);
            long[] idx = Ops.longs(indices, "GatherElements indices");
            int[] map = elementMap(data.shape(), indices.shape(), ax, idx, "GatherElements");
            return Take.take(data, map, indices.shape());
        };
    }

    /** For each position of {@code indices}, the flat position in data it addresses along {@code ax}. */
    static int[] elementMap(Shape data, Shape indices, int ax, long[] idx, String what) {
        int r = data.rank();
        int[] ds = data.strides();
        int[] id = indices.toArray();
        int n = indices.size();
        int[] map = new int[n];
        int[] pos = new int[r];
        for (int i = 0; i < n; i++) {
            int flat = 0;
            for (int d = 0; d < r; d++) {
                int c = d == ax ? index(idx[i], data.dim(ax), what) : pos[d];
                if (d != ax && c >= data.dim(d)) {
                    throw new InvalidInputException(what + " indices " + indices + " exceed data " + data);
                }
                flat += c * ds[d];
            }
            map[i] = flat;
            for (int d = r - 1; d >= 0; d--) {
                if (++pos[d] < id[d]) {
                    break;
                }
                pos[d] = 0;
            }
        }
        return map;
    }

    static SimpleOp gatherNd(OpSpec spec) {
        int batchDims = spec.attrs().getInt("batch_dims", 0);
        return (in, ctx) -> {
            Tensor data = Ops.input(in, 0, "data");
            Tensor indices = Ops.input(in, 1, "indices");
            long[] idx = Ops.longs(indices, "GatherND indices");
            int q = indices.rank();
            int r = data.rank();
            int k = indices.shape().dim(q - 1);
            if (k > r - batchDims) {
                throw new InvalidInputException("GatherND index tuples of " + k + " exceed data rank " + r);
            }
            int[] dd = data.dims();
            int[] outDims = new int[q - 1 + r - k - batchDims];
            int p = 0;
            for (int d = 0; d < q - 1; d++) {
                outDims[p++] = indices.shape().dim(d);
            }
            for (int d = batchDims + k; d < r; d++) {
                outDims[p++] = dd[d];
            }
            Shape shape = Shape.of(outDims);
            int slice = data.shape().sizeBetween(batchDims + k, r);
            int batch = data.shape().sizeBetween(0, batchDims);
            int batchSize = data.shape().sizeBetween(batchDims, r);
            int tuples = indices.shape().sizeBetween(0, q - 1);
            int perBatch = batch == 0 ? 0 : tuples / batch;
            int[] ds = data.shape().strides();
            Object out = data.dtype().newArray(shape.size());
            for (int t = 0; t < tuples; t++) {
                int b = perBatch == 0 ? 0 : t / perBatch;
                int flat = b * batchSize;
                for (int j = 0; j < k; j++) {
                    flat += index(idx[t * k + j], dd[batchDims + j], "GatherND") * ds[batchDims + j];
                }
                System.arraycopy(data.data(), flat, out, t * slice, slice);
            }
            return Tensor.wrap(data.dtype(), shape, out);
        };
    }
}
