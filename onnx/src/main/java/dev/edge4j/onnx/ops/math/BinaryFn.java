package dev.edge4j.onnx.ops.math;

import dev.edge4j.core.tensor.DType;

/** A binary element-wise function on doubles (floating types) and longs (integer types). */
public interface BinaryFn {
    double onDouble(double x, double y);

    /** Integer inputs as longs; {@code type} tells unsigned 64-bit values apart. */
    long onLong(long x, long y, DType type);

    /** Null when the function is undefined for integers. */
    static BinaryFn of(java.util.function.DoubleBinaryOperator d, IntegerFn l) {
        return new BinaryFn() {
            @Override
            public double onDouble(double x, double y) {
                return d.applyAsDouble(x, y);
            }

            @Override
            public long onLong(long x, long y, DType type) {
                if (l == null) {
                    throw new dev.edge4j.core.InvalidInputException("not defined for " + type + " tensors");
                }
                return l.apply(x, y, type);
            }
        };
    }

    @FunctionalInterface
    interface IntegerFn {
        long apply(long x, long y, DType type);
    }
}
