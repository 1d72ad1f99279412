package dev.edge4j.gguf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One GGUF metadata value: a typed scalar, a string, or an array of one element type (arrays of
 * arrays included). The exact file type is kept so a file written back is the same file.
 *
 * <p>Integers of every width are held as {@code long} (unsigned 64-bit values as their raw bits);
 * arrays as primitive Java arrays ({@code byte[]} for 8-bit, {@code short[]} for 16-bit,
 * {@code int[]} for 32-bit, {@code long[]} for 64-bit integers, {@code float[]}, {@code double[]},
 * {@code boolean[]}, {@code String[]}, and {@code GgufValue[]} for arrays of arrays).
 */
public final class GgufValue {
    private final GgufValueType type;
    private final GgufValueType elementType;
    private final Object value;

    private GgufValue(GgufValueType type, GgufValueType elementType, Object value) {
        this.type = type;
        this.elementType = elementType;
        this.value = value;
    }

    // ---- factories ----

    public static GgufValue uint8(int v) {
        return integer(GgufValueType.UINT8, v, 0, 0xFF);
    }

    public static GgufValue int8(int v) {
        return integer(GgufValueType.INT8, v, Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    public static GgufValue uint16(int v) {
        return integer(GgufValueType.UINT16, v, 0, 0xFFFF);
    }

    public static GgufValue int16(int v) {
        return integer(GgufValueType.INT16, v, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    public static GgufValue uint32(long v) {
        return integer(GgufValueType.UINT32, v, 0, 0xFFFF_FFFFL);
    }

    public static GgufValue int32(int v) {
        return new GgufValue(GgufValueType.INT32, null, (long) v);
    }

    /** An unsigned 64-bit value given by its raw bits (values above 2^63-1 are negative longs). */
    public static GgufValue uint64(long bits) {
        return new GgufValue(GgufValueType.UINT64, null, bits);
    }

    public static GgufValue int64(long v) {
        return new GgufValue(GgufValueType.INT64, null, v);
    }

    public static GgufValue float32(float v) {
        return new GgufValue(GgufValueType.FLOAT32, null, v);
    }

    public static GgufValue float64(double v) {
        return new GgufValue(GgufValueType.FLOAT64, null, v);
    }

    public static GgufValue bool(boolean v) {
        return new GgufValue(GgufValueType.BOOL, null, v);
    }

    public static GgufValue string(String v) {
        return new GgufValue(GgufValueType.STRING, null, Objects.requireNonNull(v, "string value"));
    }

    public static GgufValue stringArray(List<String> values) {
        String[] copy = values.toArray(new String[0]);
        for (String s : copy) {
            Objects.requireNonNull(s, "string array element");
        }
        return new GgufValue(GgufValueType.ARRAY, GgufValueType.STRING, copy);
    }

    public static GgufValue float32Array(float[] values) {
        return new GgufValue(GgufValueType.ARRAY, GgufValueType.FLOAT32, values.clone());
    }

    public static GgufValue int32Array(int[] values) {
        return new GgufValue(GgufValueType.ARRAY, GgufValueType.INT32, values.clone());
    }

    /**
     * An array of {@code elementType} held in the Java array that type calls for (see the class
     * comment); the array is copied.
     */
    public static GgufValue array(GgufValueType elementType, Object javaArray) {
        Class<?> expected = javaArrayClass(elementType);
        if (javaArray == null || javaArray.getClass() != expected) {
            throw new IllegalArgumentException("an array of " + elementType.label() + " must be held in a "
                    + expected.getSimpleName() + ", got "
                    + (javaArray == null ? "null" : javaArray.getClass().getSimpleName()));
        }
        Object copy = switch (javaArray) {
            case byte[] a -> a.clone();
            case short[] a -> a.clone();
            case int[] a -> a.clone();
            case long[] a -> a.clone();
            case float[] a -> a.clone();
            case double[] a -> a.clone();
            case boolean[] a -> a.clone();
            case String[] a -> a.clone();
            case GgufValue[] a -> a.clone();
            default -> throw new IllegalStateException();
        };
        if (copy instanceof GgufValue[] nested) {
            for (GgufValue v : nested) {
                if (v == null || v.type != GgufValueType.ARRAY) {
                    throw new IllegalArgumentException("an array of arrays may hold only arrays");
                }
            }
        }
        if (copy instanceof String[] strings) {
            for (String s : strings) {
                Objects.requireNonNull(s, "string array element");
            }
        }
        return new GgufValue(GgufValueType.ARRAY, elementType, copy);
    }

    /** Wraps an array the reader built; no copy. */
    static GgufValue arrayOwned(GgufValueType elementType, Object javaArray) {
        return new GgufValue(GgufValueType.ARRAY, elementType, javaArray);
    }

    static Class<?> javaArrayClass(GgufValueType elementType) {
        return switch (elementType) {
            case UINT8, INT8 -> byte[].class;
            case UINT16, INT16 -> short[].class;
            case UINT32, INT32 -> int[].class;
            case UINT64, INT64 -> long[].class;
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
            case BOOL -> boolean[].class;
            case STRING -> String[].class;
            case ARRAY -> GgufValue[].class;
        };
    }

    private static GgufValue integer(GgufValueType type, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(v + " does not fit in " + type.label());
        }
        return new GgufValue(type, null, v);
    }

    // ---- accessors ----

    public GgufValueType type() {
        return type;
    }

    /** The element type of an array, null for a scalar or string. */
    public GgufValueType elementType() {
        return elementType;
    }

    public boolean isArray() {
        return type == GgufValueType.ARRAY;
    }

    /** An integer of any width (unsigned 64-bit values as raw bits). */
    public long asLong() {
        if (!type.isInteger()) {
            throw wrongType("an integer");
        }
        return (Long) value;
    }

    /** An integer that fits in an {@code int}. */
    public int asInt() {
        long v = asLong();
        if (type == GgufValueType.UINT64 && v < 0 || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalStateException("value " + Long.toUnsignedString(v) + " does not fit in a 32-bit int");
        }
        return (int) v;
    }

    /** A float or double (or an integer, converted). */
    public double asDouble() {
        return switch (type) {
            case FLOAT32 -> (Float) value;
            case FLOAT64 -> (Double) value;
            default -> {
                if (type.isInteger()) {
                    yield (double) asLong();
                }
                throw wrongType("a number");
            }
        };
    }

    public float asFloat() {
        return (float) asDouble();
    }

    public boolean asBoolean() {
        if (type != GgufValueType.BOOL) {
            throw wrongType("a bool");
        }
        return (Boolean) value;
    }

    public String asString() {
        if (type != GgufValueType.STRING) {
            throw wrongType("a string");
        }
        return (String) value;
    }

    /** Elements of an array. */
    public int length() {
        if (!isArray()) {
            throw wrongType("an array");
        }
        return java.lang.reflect.Array.getLength(value);
    }

    /** A string array, as an unmodifiable list (no copy). */
    public List<String> asStringList() {
        if (!isArray() || elementType != GgufValueType.STRING) {
            throw wrongType("an array of strings");
        }
        return Collections.unmodifiableList(Arrays.asList((String[]) value));
    }

    /** An array of numbers as floats (a copy). */
    public float[] asFloatArray() {
        if (!isArray()) {
            throw wrongType("an array of numbers");
        }
        return switch (value) {
            case float[] a -> a.clone();
            case double[] a -> {
                float[] out = new float[a.length];
                for (int i = 0; i < a.length; i++) {
                    out[i] = (float) a[i];
                }
                yield out;
            }
            default -> {
                long[] longs = integers();
                float[] out = new float[longs.length];
                for (int i = 0; i < longs.length; i++) {
                    out[i] = longs[i];
                }
                yield out;
            }
        };
    }

    /** An array of integers of any width as ints (a copy); fails if a value does not fit. */
    public int[] asIntArray() {
        if (value instanceof int[] a && elementType == GgufValueType.INT32) {
            return a.clone();
        }
        long[] longs = integers();
        int[] out = new int[longs.length];
        for (int i = 0; i < longs.length; i++) {
            long v = longs[i];
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalStateException("element " + i + " (" + Long.toUnsignedString(v)
                        + ") does not fit in a 32-bit int");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** An array of integers of any width as longs (a copy; unsigned 64-bit as raw bits). */
    public long[] asLongArray() {
        return integers();
    }

    /** The elements of any array, each as a value of the element type. */
    public List<GgufValue> elements() {
        int n = length();
        List<GgufValue> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element(i));
        }
        return out;
    }

    /** Element {@code i} of an array, as a value of the element type. */
    public GgufValue element(int i) {
        if (!isArray()) {
            throw wrongType("an array");
        }
        return switch (value) {
            case byte[] a -> new GgufValue(elementType, null,
                    elementType == GgufValueType.UINT8 ? (long) (a[i] & 0xFF) : (long) a[i]);
            case short[] a -> new GgufValue(elementType, null,
                    elementType == GgufValueType.UINT16 ? (long) (a[i] & 0xFFFF) : (long) a[i]);
            case int[] a -> new GgufValue(elementType, null,
                    elementType == GgufValueType.UINT32 ? Integer.toUnsignedLong(a[i]) : (long) a[i]);
            case long[] a -> new GgufValue(elementType, null, a[i]);
            case float[] a -> new GgufValue(elementType, null, a[i]);
            case double[] a -> new GgufValue(elementType, null, a[i]);
            case boolean[] a -> new GgufValue(elementType, null, a[i]);
            case String[] a -> new GgufValue(elementType, null, a[i]);
            case GgufValue[] a -> a[i];
            default -> throw new IllegalStateException();
        };
    }

    /** The held Java object: a boxed scalar, a String, or the array itself (not a copy). */
    Object raw() {
        return value;
    }

    private long[] integers() {
        if (!isArray() || !elementType.isInteger()) {
            throw wrongType("an array of integers");
        }
        return switch (value) {
            case byte[] a -> {
                long[] out = new long[a.length];
                boolean unsigned = elementType == GgufValueType.UINT8;
                for (int i = 0; i < a.length; i++) {
                    out[i] = unsigned ? a[i] & 0xFF : a[i];
                }
                yield out;
            }
            case short[] a -> {
                long[] out = new long[a.length];
                boolean unsigned = elementType == GgufValueType.UINT16;
                for (int i = 0; i < a.length; i++) {
                    out[i] = unsigned ? a[i] & 0xFFFF : a[i];
                }
                yield out;
            }
            case int[] a -> {
                long[] out = new long[a.length];
                boolean unsigned = elementType == GgufValueType.UINT32;
                for (int i = 0; i < a.length; i++) {
                    out[i] = unsigned ? Integer.toUnsignedLong(a[i]) : a[i];
                }
                yield out;
            }
            case long[] a -> a.clone();
            default -> throw new IllegalStateException();
        };
    }

    private IllegalStateException wrongType(String expected) {
        return new IllegalStateException("is " + describeType() + ", not " + expected);
    }

    /** The type as a reader would say it, e.g. {@code uint32} or {@code array of string}. */
    public String describeType() {
        return isArray() ? "array of " + elementType.label() : type.label();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufValue v && type == v.type && elementType == v.elementType
                && Arrays.deepEquals(new Object[] {value}, new Object[] {v.value});
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, elementType, Arrays.deepHashCode(new Object[] {value}));
    }

    /** A short human-readable form; long arrays are abbreviated. */
    @Override
    public String toString() {
        if (!isArray()) {
            return switch (type) {
                case STRING -> '"' + (String) value + '"';
                case UINT64 -> Long.toUnsignedString((Long) value);
                default -> String.valueOf(value);
            };
        }
        int n = length();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Math.min(n, 8); i++) {
            sb.append(i == 0 ? "" : ", ").append(element(i));
        }
        if (n > 8) {
            sb.append(", ... (").append(n).append(' ').append(elementType.label()).append(" values)");
        }
        return sb.append(']').toString();
    }
}
