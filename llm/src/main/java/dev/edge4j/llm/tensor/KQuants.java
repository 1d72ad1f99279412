package dev.edge4j.llm.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Shared layout helpers of the K-quant formats (super-blocks of 256 values). */
final class KQuants {
    private KQuants() {}

    static final int QK = 256;

    /**
     * The 6-bit scale of sub-block {@code j} (0..7) from the 12 packed scale bytes at
     * {@code at}, as Q4_K and Q5_K store them.
     */
    static int scale(MemorySegment data, long at, int j) {
        if (j < 4) {
            return u8(data, at + j) & 63;
        }
        return (u8(data, at + j + 4) & 0xF) | ((u8(data, at + j - 4) >>> 6) << 4);
    }

    /** The 6-bit minimum of sub-block {@code j} (0..7), packed beside the scales. */
    static int min(MemorySegment data, long at, int j) {
        if (j < 4) {
            return u8(data, at + j + 4) & 63;
        }
        return (u8(data, at + j + 4) >>> 4) | ((u8(data, at + j) >>> 6) << 4);
    }

    static int u8(MemorySegment data, long at) {
        return data.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }
}
