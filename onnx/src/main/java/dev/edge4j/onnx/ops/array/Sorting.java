package dev.edge4j.onnx.ops.array;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.TensorOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ops that order values: TopK and Unique. */
final class Sorting {
    private Sorting() {}

    static TensorOp topK(OpSpec spec) {
        long axis = spec.attrs().getLong("axis", -1);
        boolean largest = spec.attrs().getLong("largest", 1) != 0;
        long attrK = spec.opset() < 10 ? spec.attrs().getLong("k", -1) : -1;
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "X");
            Ops.requireNumeric(x, "TopK input");
            long k = attrK >= 0 ? attrK : Ops.scalarLong(Ops.input(in, 1, "K"), "TopK K");
            int ax = Ops.axis(axis, x.rank());
            int len = x.shape().dim(ax);
            if (k < 0 || k > len) {
                throw new InvalidInputException("TopK k = " + k + " is out of range for an axis of " + len);
            }
            int[] dims = x.dims();
            int outer = x.shape().sizeBetween(0, ax);
            int inner = x.shape().sizeBetween(ax + 1, dims.length);
            dims[ax] = (int) k;
            Shape shape = Shape.of(dims);
            Tensor values = Tensor.zeros(x.dtype(), shape);
            long[] indices = new long[shape.size()];
            Integer[] order = new Integer[len];
            boolean floating = x.dtype().isFloatingPoint();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * len * inner + i;
                    for (int j = 0; j < len; j++) {
                        order[j] = j;
                    }
                    // Largest (or smallest) first; ties keep the lower index first.
                    Comparator<Integer> cmp = floating
                            ? (p, q) -> Double.compare(x.getDouble(base + p * inner), x.getDouble(base + q * inner))
                            : (p, q) -> Long.compare(x.getLong(base + p * inner), x.getLong(base + q * inner));
                    Comparator<Integer> by = largest ? cmp.reversed() : cmp;
                    Arrays.sort(order, by.thenComparing(Comparator.naturalOrder()));
                    for (int j = 0; j < k; j++) {
                        int dst = (o * (int) k + j) * inner + i;
                        System.arraycopy(x.data(), base + order[j] * inner, values.data(), dst, 1);
                        indices[dst] = order[j];
                    }
                }
            }
            return new Tensor[] {values, Tensor.wrap(DType.INT64, shape, indices)};
        };
    }

    static TensorOp unique(OpSpec spec) {
        boolean sorted = spec.attrs().getLong("sorted", 1) != 0;
        Long axis = spec.attrs().has("axis") ? spec.attrs().getLong("axis", 0) : null;
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "X");
            Tensor src = axis == null ? x.reshape(x.size()) : x;
            int ax = axis == null ? 0 : Ops.axis(axis, x.rank());
            int len = src.shape().dim(ax);
            int outer = src.shape().sizeBetween(0, ax);
            int inner = src.shape().sizeBetween(ax + 1, src.rank());
            // Each slice along the axis becomes a key of its elements.
            List<List<Object>> slices = new ArrayList<>();
            for (int j = 0; j < len; j++) {
                List<Object> key = new ArrayList<>();
                for (int o = 0; o < outer; o++) {
                    for (int i = 0; i < inner; i++) {
                        key.add(element(src, (o * len + j) * inner + i));
                    }
                }
                slices.add(key);
            }
            Map<List<Object>, Integer> first = new LinkedHashMap<>();
            for (int j = 0; j < len; j++) {
                first.putIfAbsent(slices.get(j), j);
            }
            List<List<Object>> uniq = new ArrayList<>(first.keySet());
            if (sorted) {
                uniq.sort(Sorting::compareKeys);
            }
            Map<List<Object>, Integer> position = new LinkedHashMap<>();
            for (int u = 0; u < uniq.size(); u++) {
                position.put(uniq.get(u), u);
            }
            int count = uniq.size();
            int[] dims = src.dims();
            dims[ax] = count;
            Shape shape = Shape.of(dims);
            Object out = x.dtype().newArray(shape.size());
            long[] indices = new long[count];
            long[] inverse = new long[len];
            long[] counts = new long[count];
            for (int u = 0; u < count; u++) {
                int j = first.get(uniq.get(u));
                indices[u] = j;
                for (int o = 0; o < outer; o++) {
                    System.arraycopy(src.data(), (o * len + j) * inner, out, (o * count + u) * inner, inner);
                }
            }
            for (int j = 0; j < len; j++) {
                int u = position.get(slices.get(j));
                inverse[j] = u;
                counts[u]++;
            }
            return new Tensor[] {Tensor.wrap(x.dtype(), shape, out), Tensor.of(indices, count),
                Tensor.of(inverse, len), Tensor.of(counts, count)};
        };
    }

    private static Object element(Tensor t, int i) {
        if (t.dtype() == DType.STRING) {
            return t.strings()[i];
        }
        return t.dtype().isFloatingPoint() ? (Object) t.getDouble(i) : (Object) t.getLong(i);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
