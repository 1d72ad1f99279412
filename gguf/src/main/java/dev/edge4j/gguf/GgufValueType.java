package dev.edge4j.gguf;

/** The types of GGUF metadata values, with the codes the file format uses. */
public enum GgufValueType {
    UINT8(0, 1),
    INT8(1, 1),
    UINT16(2, 2),
    INT16(3, 2),
    UINT32(4, 4),
    INT32(5, 4),
    FLOAT32(6, 4),
    BOOL(7, 1),
    STRING(8, -1),
    ARRAY(9, -1),
    UINT64(10, 8),
    INT64(11, 8),
    FLOAT64(12, 8);

    private final int code;
    private final int fixedSize;

    GgufValueType(int code, int fixedSize) {
        this.code = code;
        this.fixedSize = fixedSize;
    }

    /** The code stored in the file. */
    public int code() {
        return code;
    }

    /** Bytes of one value, or -1 for strings and arrays (whose size depends on their content). */
    public int fixedSize() {
        return fixedSize;
    }

    public boolean isInteger() {
        return switch (this) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
            default -> false;
        };
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** The lower-case name used in messages, e.g. {@code uint32}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The type with file code {@code code}, or null if there is none. */
    public static GgufValueType byCode(long code) {
        for (GgufValueType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
