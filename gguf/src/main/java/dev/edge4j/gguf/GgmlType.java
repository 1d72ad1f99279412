package dev.edge4j.gguf;

/**
 * The element types a GGUF tensor can have, with ggml's numeric ids. Quantized types store rows
 * as blocks of {@link #blockSize()} values packed into {@link #blockBytes()} bytes; a row's
 * length must be a multiple of the block size.
 *
 * <p>The reader knows every type so it can check sizes and offsets of any file; which types a
 * runtime can compute with is that runtime's business.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22),
    Q5_1(7, 32, 24),
    Q8_0(8, 32, 34),
    Q8_1(9, 32, 36),
    Q2_K(10, 256, 84),
    Q3_K(11, 256, 110),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176),
    Q6_K(14, 256, 210),
    Q8_K(15, 256, 292),
    IQ2_XXS(16, 256, 66),
    IQ2_XS(17, 256, 74),
    IQ3_XXS(18, 256, 98),
    IQ1_S(19, 256, 50),
    IQ4_NL(20, 32, 18),
    IQ3_S(21, 256, 110),
    IQ2_S(22, 256, 82),
    IQ4_XS(23, 256, 136),
    I8(24, 1, 1),
    I16(25, 1, 2),
    I32(26, 1, 4),
    I64(27, 1, 8),
    F64(28, 1, 8),
    IQ1_M(29, 256, 56),
    BF16(30, 1, 2),
    TQ1_0(34, 256, 54),
    TQ2_0(35, 256, 66),
    MXFP4(39, 32, 17),
    NVFP4(40, 64, 36),
    Q1_0(41, 128, 18),
    Q2_0(42, 64, 18);

    private static final GgmlType[] BY_ID = new GgmlType[64];

    static {
        for (GgmlType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final int blockSize;
    private final int blockBytes;

    GgmlType(int id, int blockSize, int blockBytes) {
        this.id = id;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    /** ggml's numeric id, as stored in a GGUF tensor info. */
    public int id() {
        return id;
    }

    /** Values per block (1 for plain types). */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int blockBytes() {
        return blockBytes;
    }

    public boolean isQuantized() {
        return blockSize > 1;
    }

    /** Bytes taken by {@code count} values; {@code count} must be a multiple of the block size. */
    public long bytesFor(long count) {
        if (count % blockSize != 0) {
            throw new IllegalArgumentException(count + " values of " + this
                    + " are not a whole number of " + blockSize + "-value blocks");
        }
        return Math.multiplyExact(count / blockSize, (long) blockBytes);
    }

    /** ggml's lower-case name, e.g. {@code q4_k}. */
    public String ggmlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The type with ggml id {@code id}, or null if there is none. */
    public static GgmlType byId(long id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
    }

    /** The type named {@code name} (any case, e.g. {@code Q8_0} or {@code q8_0}), or null. */
    public static GgmlType byName(String name) {
        for (GgmlType t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}
