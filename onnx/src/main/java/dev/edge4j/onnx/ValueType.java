package dev.edge4j.onnx;

import dev.edge4j.core.tensor.DType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The type of a value flowing through an ONNX graph: a tensor (element type and, when known, its
 * dimensions), a sequence of values, an optional value, or a map.
 */
public sealed interface ValueType {

    /** A tensor; {@code dims} is null when even the rank is unknown, {@code dtype} null when unknown. */
    record TensorType(DType dtype, List<Dim> dims) implements ValueType {
        public TensorType {
            dims = dims == null ? null : List.copyOf(dims);
        }

        public boolean hasRank() {
            return dims != null;
        }

        public int rank() {
            return dims == null ? -1 : dims.size();
        }

        /** The dimensions as numbers, -1 where a dimension is symbolic or unknown; null without a rank. */
        public long[] dimValues() {
            if (dims == null) {
                return null;
            }
            long[] v = new long[dims.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = dims.get(i).value();
            }
            return v;
        }

        /** True when every dimension is a fixed number. */
        public boolean isStatic() {
            return dims != null && dims.stream().allMatch(Dim::isKnown);
        }

        @Override
        public String toString() {
            String d = dtype == null ? "?" : dtype.toString();
            return dims == null ? d + "[...]"
                    : d + dims.stream().map(Dim::toString).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    record SequenceType(ValueType element) implements ValueType {
        @Override
        public String toString() {
            return "seq(" + element + ")";
        }
    }

    record OptionalType(ValueType element) implements ValueType {
        @Override
        public String toString() {
            return "optional(" + element + ")";
        }
    }

    record MapType(DType key, ValueType value) implements ValueType {
        @Override
        public String toString() {
            return "map(" + key + "," + value + ")";
        }
    }

    static TensorType tensor(DType dtype, List<Dim> dims) {
        return new TensorType(dtype, dims);
    }

    static TensorType tensor(DType dtype, long... dims) {
        return new TensorType(dtype, java.util.Arrays.stream(dims).mapToObj(Dim::of).toList());
    }
}
