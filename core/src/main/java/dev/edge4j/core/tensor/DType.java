package dev.edge4j.core.tensor;

import dev.edge4j.core.ModelFormatException;

/**
 * Element types of tensors: every ONNX data type, with its ONNX code.
 *
 * <p>Each type is held in one plain Java array type, its <em>carrier</em>, so kernels work on
 * {@code float[]}, {@code long[]}... directly. Unsigned integers live in the signed carrier of the
 * same width (read them with {@link Byte#toUnsignedInt} and friends), 16-bit floats as their bit
 * patterns in a {@code short[]}, 8- and 4-bit formats one element per byte, complex numbers as
 * interleaved (real, imaginary) pairs.
 */
public enum DType {
    FLOAT32(1, "float32", Carrier.FLOAT, 32),
    UINT8(2, "uint8", Carrier.BYTE, 8),
    INT8(3, "int8", Carrier.BYTE, 8),
    UINT16(4, "uint16", Carrier.SHORT, 16),
    INT16(5, "int16", Carrier.SHORT, 16),
    INT32(6, "int32", Carrier.INT, 32),
    INT64(7, "int64", Carrier.LONG, 64),
    STRING(8, "string", Carrier.STRING, 0),
    BOOL(9, "bool", Carrier.BOOLEAN, 8),
    FLOAT16(10, "float16", Carrier.SHORT, 16),
    FLOAT64(11, "float64", Carrier.DOUBLE, 64),
    UINT32(12, "uint32", Carrier.INT, 32),
    UINT64(13, "uint64", Carrier.LONG, 64),
    COMPLEX64(14, "complex64", Carrier.FLOAT, 64),
    COMPLEX128(15, "complex128", Carrier.DOUBLE, 128),
    BFLOAT16(16, "bfloat16", Carrier.SHORT, 16),
    FLOAT8E4M3FN(17, "float8e4m3fn", Carrier.BYTE, 8),
    FLOAT8E4M3FNUZ(18, "float8e4m3fnuz", Carrier.BYTE, 8),
    FLOAT8E5M2(19, "float8e5m2", Carrier.BYTE, 8),
    FLOAT8E5M2FNUZ(20, "float8e5m2fnuz", Carrier.BYTE, 8),
    UINT4(21, "uint4", Carrier.BYTE, 4),
    INT4(22, "int4", Carrier.BYTE, 4),
    FLOAT4E2M1(23, "float4e2m1", Carrier.BYTE, 4),
    FLOAT8E8M0(24, "float8e8m0", Carrier.BYTE, 8);

    /** The Java array type that holds a tensor's elements. */
    public enum Carrier { FLOAT, DOUBLE, BYTE, SHORT, INT, LONG, BOOLEAN, STRING }

    private static final DType[] BY_CODE = new DType[32];

    static {
        for (DType t : values()) {
            BY_CODE[t.onnxCode] = t;
        }
    }

    private final int onnxCode;
    private final String label;
    private final Carrier carrier;
    private final int bits;

    DType(int onnxCode, String label, Carrier carrier, int bits) {
        this.onnxCode = onnxCode;
        this.label = label;
        this.carrier = carrier;
        this.bits = bits;
    }

    /** The {@code TensorProto.DataType} number of this type. */
    public int onnxCode() {
        return onnxCode;
    }

    /** The type for an ONNX {@code TensorProto.DataType} number. */
    public static DType fromOnnx(int code) {
        DType t = code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (t == null) {
            throw new ModelFormatException("unknown ONNX tensor data type " + code);
        }
        return t;
    }

    public Carrier carrier() {
        return carrier;
    }

    /** Bits one element takes in ONNX's packed form (raw data); 0 for strings. */
    public int bits() {
        return bits;
    }

    /** Carrier array slots per element: 2 for complex numbers, 1 otherwise. */
    public int slotsPerElement() {
        return this == COMPLEX64 || this == COMPLEX128 ? 2 : 1;
    }

    public boolean isFloatingPoint() {
        return switch (this) {
            case FLOAT32, FLOAT64, FLOAT16, BFLOAT16, FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2,
                 FLOAT8E5M2FNUZ, FLOAT4E2M1, FLOAT8E8M0 -> true;
            default -> false;
        };
    }

    public boolean isInteger() {
        return switch (this) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, INT4, UINT4 -> true;
            default -> false;
        };
    }

    public boolean isUnsigned() {
        return switch (this) {
            case UINT8, UINT16, UINT32, UINT64, UINT4 -> true;
            default -> false;
        };
    }

    public boolean isComplex() {
        return this == COMPLEX64 || this == COMPLEX128;
    }

    /** True for the types whose values read and write exactly through {@code double}. */
    public boolean isNumeric() {
        return this != STRING && !isComplex();
    }

    /** A new zero-filled carrier array for {@code elements} elements. */
    public Object newArray(int elements) {
        int n = Math.multiplyExact(elements, slotsPerElement());
        return switch (carrier) {
            case FLOAT -> new float[n];
            case DOUBLE -> new double[n];
            case BYTE -> new byte[n];
            case SHORT -> new short[n];
            case INT -> new int[n];
            case LONG -> new long[n];
            case BOOLEAN -> new boolean[n];
            case STRING -> emptyStrings(n);
        };
    }

    private static String[] emptyStrings(int n) {
        String[] s = new String[n];
        java.util.Arrays.fill(s, "");
        return s;
    }

    @Override
    public String toString() {
        return label;
    }
}
