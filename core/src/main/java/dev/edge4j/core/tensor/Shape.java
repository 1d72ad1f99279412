package dev.edge4j.core.tensor;

import dev.edge4j.core.InvalidInputException;
import java.util.Arrays;

/**
 * The concrete dimensions of a tensor, outermost first; immutable. A rank-0 shape is a scalar
 * with one element; a dimension of 0 makes an empty tensor.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0], 1);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims, int size) {
        this.dims = dims;
        this.size = size;
    }

    public static Shape of(int... dims) {
        if (dims.length == 0) {
            return SCALAR;
        }
        int[] copy = dims.clone();
        return new Shape(copy, sizeOf(copy));
    }

    /** A shape from ONNX's 64-bit dimensions, checked to fit a Java array. */
    public static Shape of(long... dims) {
        int[] d = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new InvalidInputException("dimension " + dims[i] + " of shape "
                        + Arrays.toString(dims) + " is negative or too large");
            }
            d[i] = (int) dims[i];
        }
        return dims.length == 0 ? SCALAR : new Shape(d, sizeOf(d));
    }

    public static Shape scalar() {
        return SCALAR;
    }

    private static int sizeOf(int[] dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new InvalidInputException("negative dimension in shape " + Arrays.toString(dims));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                // Keep multiplying by zero dims correctly: a later 0 makes the tensor empty.
                for (int e : dims) {
                    if (e == 0) {
                        return 0;
                    }
                }
                throw new InvalidInputException("shape " + Arrays.toString(dims)
                        + " has more elements than a Java array can hold (2^31-1)");
            }
        }
        return (int) n;
    }

    public int rank() {
        return dims.length;
    }

    /** Dimension {@code axis}; a negative axis counts from the end. */
    public int dim(int axis) {
        return dims[axis < 0 ? axis + dims.length : axis];
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** A copy of the dimensions. */
    public int[] toArray() {
        return dims.clone();
    }

    /** The dimensions as ONNX's 64-bit integers. */
    public long[] toLongArray() {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return l;
    }

    /** Product of the dimensions in [from, to). */
    public int sizeBetween(int from, int to) {
        int n = 1;
        for (int i = from; i < to; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** Row-major strides in elements: stride[i] is the distance between neighbours along axis i. */
    public int[] strides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
