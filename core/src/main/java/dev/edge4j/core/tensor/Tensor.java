package dev.edge4j.core.tensor;

import dev.edge4j.core.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A dense, row-major tensor: an element type, a shape and one plain Java array holding exactly
 * the elements (see {@link DType} for which array each type uses).
 *
 * <p>The array is shared, not copied: {@code Tensor.of(floats, 1, 3)} wraps {@code floats}, and
 * {@link #floats()} hands the same array back, so kernels and callers work on it without copies.
 * Treat a tensor you did not create as read-only. Tensors are otherwise immutable.
 */
public final class Tensor {
    private final DType dtype;
    private final Shape shape;
    private final Object data;

    private Tensor(DType dtype, Shape shape, Object data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
    }

    /**
     * Wraps {@code data}, which must be {@code dtype}'s carrier array with exactly as many slots as
     * {@code shape} has elements (twice as many for complex types).
     */
    public static Tensor wrap(DType dtype, Shape shape, Object data) {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        int slots = arrayLength(dtype, data);
        long expected = (long) shape.size() * dtype.slotsPerElement();
        if (slots != expected) {
            throw new InvalidInputException("a " + dtype + " tensor of shape " + shape + " needs "
                    + expected + " values, got " + slots);
        }
        return new Tensor(dtype, shape, data);
    }

    /** A zero-filled tensor (empty strings for string tensors). */
    public static Tensor zeros(DType dtype, Shape shape) {
        return new Tensor(dtype, shape, dtype.newArray(shape.size()));
    }

    public static Tensor zeros(DType dtype, int... dims) {
        return zeros(dtype, Shape.of(dims));
    }

    public static Tensor of(float[] data, int... dims) {
        return wrap(DType.FLOAT32, Shape.of(dims), data);
    }

    public static Tensor of(double[] data, int... dims) {
        return wrap(DType.FLOAT64, Shape.of(dims), data);
    }

    public static Tensor of(long[] data, int... dims) {
        return wrap(DType.INT64, Shape.of(dims), data);
    }

    public static Tensor of(int[] data, int... dims) {
        return wrap(DType.INT32, Shape.of(dims), data);
    }

    public static Tensor of(boolean[] data, int... dims) {
        return wrap(DType.BOOL, Shape.of(dims), data);
    }

    public static Tensor of(String[] data, int... dims) {
        return wrap(DType.STRING, Shape.of(dims), data);
    }

    public static Tensor ofUint8(byte[] data, int... dims) {
        return wrap(DType.UINT8, Shape.of(dims), data);
    }

    public static Tensor ofInt8(byte[] data, int... dims) {
        return wrap(DType.INT8, Shape.of(dims), data);
    }

    public static Tensor scalar(float value) {
        return new Tensor(DType.FLOAT32, Shape.scalar(), new float[] {value});
    }

    public static Tensor scalar(long value) {
        return new Tensor(DType.INT64, Shape.scalar(), new long[] {value});
    }

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return shape.toArray();
    }

    public int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** The carrier array itself. */
    public Object data() {
        return data;
    }

    /** The {@code float[]} of a float32 (or complex64) tensor, not a copy. */
    public float[] floats() {
        return carrier(DType.Carrier.FLOAT, float[].class);
    }

    /** The {@code double[]} of a float64 (or complex128) tensor, not a copy. */
    public double[] doubles() {
        return carrier(DType.Carrier.DOUBLE, double[].class);
    }

    /** The {@code long[]} of an int64 or uint64 tensor, not a copy. */
    public long[] longs() {
        return carrier(DType.Carrier.LONG, long[].class);
    }

    /** The {@code int[]} of an int32 or uint32 tensor, not a copy. */
    public int[] ints() {
        return carrier(DType.Carrier.INT, int[].class);
    }

    /** The {@code short[]} of an int16, uint16, float16 or bfloat16 tensor, not a copy. */
    public short[] shorts() {
        return carrier(DType.Carrier.SHORT, short[].class);
    }

    /** The {@code byte[]} of an int8, uint8 or other 8- or 4-bit tensor, not a copy. */
    public byte[] bytes() {
        return carrier(DType.Carrier.BYTE, byte[].class);
    }

    /** The {@code boolean[]} of a bool tensor, not a copy. */
    public boolean[] booleans() {
        return carrier(DType.Carrier.BOOLEAN, boolean[].class);
    }

    /** The {@code String[]} of a string tensor, not a copy. */
    public String[] strings() {
        return carrier(DType.Carrier.STRING, String[].class);
    }

    private <T> T carrier(DType.Carrier expected, Class<T> type) {
        if (dtype.carrier() != expected) {
            throw new InvalidInputException("tensor is " + dtype + ", not held in a "
                    + type.getSimpleName());
        }
        return type.cast(data);
    }

    /** Element {@code i} (row-major) as a double; unsigned types read as unsigned. */
    public double getDouble(int i) {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) data)[i];
            case FLOAT64 -> ((double[]) data)[i];
            case INT8, INT4 -> ((byte[]) data)[i];
            case UINT8, UINT4 -> ((byte[]) data)[i] & 0xff;
            case INT16 -> ((short[]) data)[i];
            case UINT16 -> ((short[]) data)[i] & 0xffff;
            case INT32 -> ((int[]) data)[i];
            case UINT32 -> ((int[]) data)[i] & 0xffffffffL;
            case INT64 -> ((long[]) data)[i];
            case UINT64 -> unsignedToDouble(((long[]) data)[i]);
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            case FLOAT16 -> FloatFormats.fromFloat16(((short[]) data)[i]);
            case BFLOAT16 -> FloatFormats.fromBfloat16(((short[]) data)[i]);
            case FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ, FLOAT4E2M1, FLOAT8E8M0 ->
                    FloatFormats.decodeSmall(dtype, ((byte[]) data)[i]);
            case STRING, COMPLEX64, COMPLEX128 -> throw notNumeric();
        };
    }

    /** Element {@code i} as a long: integers exactly (uint64 as its bit pattern), floats truncated. */
    public long getLong(int i) {
        return switch (dtype) {
            case INT64, UINT64 -> ((long[]) data)[i];
            case INT32 -> ((int[]) data)[i];
            case UINT32 -> ((int[]) data)[i] & 0xffffffffL;
            case INT16 -> ((short[]) data)[i];
            case UINT16 -> ((short[]) data)[i] & 0xffff;
            case INT8, INT4 -> ((byte[]) data)[i];
            case UINT8, UINT4 -> ((byte[]) data)[i] & 0xff;
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            default -> (long) getDouble(i);
        };
    }

    /** Stores {@code v} at element {@code i}, converted to this tensor's type (integers wrap). */
    public void setDouble(int i, double v) {
        switch (dtype) {
            case FLOAT32 -> ((float[]) data)[i] = (float) v;
            case FLOAT64 -> ((double[]) data)[i] = v;
            case FLOAT16 -> ((short[]) data)[i] = FloatFormats.toFloat16((float) v);
            case BFLOAT16 -> ((short[]) data)[i] = FloatFormats.toBfloat16((float) v);
            case FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ, FLOAT4E2M1, FLOAT8E8M0 ->
                    ((byte[]) data)[i] = FloatFormats.encodeSmall(dtype, (float) v);
            case BOOL -> ((boolean[]) data)[i] = v != 0;
            case UINT64 -> ((long[]) data)[i] = doubleToUnsigned(v);
            case STRING, COMPLEX64, COMPLEX128 -> throw notNumeric();
            default -> setLong(i, (long) v);
        }
    }

    /** Stores {@code v} at element {@code i}, wrapping to this tensor's integer width. */
    public void setLong(int i, long v) {
        switch (dtype) {
            case INT64, UINT64 -> ((long[]) data)[i] = v;
            case INT32, UINT32 -> ((int[]) data)[i] = (int) v;
            case INT16, UINT16 -> ((short[]) data)[i] = (short) v;
            case INT8, UINT8 -> ((byte[]) data)[i] = (byte) v;
            case INT4 -> ((byte[]) data)[i] = (byte) (((int) v << 28) >> 28);
            case UINT4 -> ((byte[]) data)[i] = (byte) (v & 0xf);
            case BOOL -> ((boolean[]) data)[i] = v != 0;
            default -> setDouble(i, v);
        }
    }

    private InvalidInputException notNumeric() {
        return new InvalidInputException("a " + dtype + " tensor has no numeric elements");
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    private static long doubleToUnsigned(double v) {
        if (v < 9.223372036854775807E18) {
            return (long) v;
        }
        return ((long) (v / 2)) << 1;
    }

    /** The elements converted to float32, in a new array. */
    public float[] toFloatArray() {
        int n = size();
        float[] out = new float[n];
        if (dtype == DType.FLOAT32) {
            System.arraycopy(data, 0, out, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = (float) getDouble(i);
            }
        }
        return out;
    }

    /** The elements converted to int64, in a new array. */
    public long[] toLongArray() {
        int n = size();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = getLong(i);
        }
        return out;
    }

    /** The same elements under another shape with as many elements; shares the array. */
    public Tensor reshape(Shape newShape) {
        if (newShape.size() != shape.size()) {
            throw new InvalidInputException("cannot reshape " + shape + " (" + shape.size()
                    + " elements) to " + newShape + " (" + newShape.size() + " elements)");
        }
        return new Tensor(dtype, newShape, data);
    }

    public Tensor reshape(int... dims) {
        return reshape(Shape.of(dims));
    }

    /** A deep copy with its own array. */
    public Tensor copy() {
        return new Tensor(dtype, shape, copyArray(data));
    }

    private static Object copyArray(Object a) {
        return switch (a) {
            case float[] f -> f.clone();
            case double[] d -> d.clone();
            case long[] l -> l.clone();
            case int[] i -> i.clone();
            case short[] s -> s.clone();
            case byte[] b -> b.clone();
            case boolean[] z -> z.clone();
            case String[] s -> s.clone();
            default -> throw new IllegalStateException("not a tensor carrier: " + a.getClass());
        };
    }

    private static int arrayLength(DType dtype, Object data) {
        int n = switch (dtype.carrier()) {
            case FLOAT -> data instanceof float[] a ? a.length : -1;
            case DOUBLE -> data instanceof double[] a ? a.length : -1;
            case BYTE -> data instanceof byte[] a ? a.length : -1;
            case SHORT -> data instanceof short[] a ? a.length : -1;
            case INT -> data instanceof int[] a ? a.length : -1;
            case LONG -> data instanceof long[] a ? a.length : -1;
            case BOOLEAN -> data instanceof boolean[] a ? a.length : -1;
            case STRING -> data instanceof String[] a ? a.length : -1;
        };
        if (n < 0) {
            throw new InvalidInputException("a " + dtype + " tensor is held in a "
                    + dtype.carrier().name().toLowerCase(java.util.Locale.ROOT) + " array, not in a "
                    + data.getClass().getSimpleName());
        }
        return n;
    }

    /** True when both have the same type, shape and elements (NaNs compare equal to NaNs). */
    public boolean contentEquals(Tensor other) {
        if (other == null || dtype != other.dtype || !shape.equals(other.shape)) {
            return false;
        }
        return switch (data) {
            case float[] f -> Arrays.equals(f, (float[]) other.data);
            case double[] d -> Arrays.equals(d, (double[]) other.data);
            case long[] l -> Arrays.equals(l, (long[]) other.data);
            case int[] i -> Arrays.equals(i, (int[]) other.data);
            case short[] s -> Arrays.equals(s, (short[]) other.data);
            case byte[] b -> Arrays.equals(b, (byte[]) other.data);
            case boolean[] z -> Arrays.equals(z, (boolean[]) other.data);
            case String[] s -> Arrays.equals(s, (String[]) other.data);
            default -> false;
        };
    }

    /** Type and shape, and the first few elements. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor(").append(dtype).append(' ').append(shape);
        int n = Math.min(size(), 8);
        if (n > 0) {
            sb.append(' ').append('[');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(dtype == DType.STRING ? '"' + strings()[i] + '"'
                        : dtype.isComplex() ? "complex" : String.valueOf(getDouble(i)));
            }
            sb.append(size() > n ? ", ...]" : "]");
        }
        return sb.append(')').toString();
    }
}
