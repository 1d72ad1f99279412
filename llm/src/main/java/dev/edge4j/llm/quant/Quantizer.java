package dev.edge4j.llm.quant;

import dev.edge4j.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.Set;

/**
 * Converts floats to a GGUF tensor type, with ggml's reference rounding rules so the bytes are
 * the ones llama.cpp's quantizer writes for the same floats.
 */
public final class Quantizer {
    private Quantizer() {}

    private static final Set<GgmlType> SUPPORTED = EnumSet.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16,
            GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q4_K, GgmlType.Q5_K,
            GgmlType.Q6_K);

    public static boolean supports(GgmlType type) {
        return SUPPORTED.contains(type);
    }

    /**
     * Writes {@code n} values of {@code x} starting at {@code xo} as {@code type} into {@code out}
     * at byte {@code at}; {@code n} must be a multiple of the type's block size.
     */
    public static void quantize(GgmlType type, float[] x, int xo, int n, MemorySegment out, long at) {
        if (n % type.blockSize() != 0) {
            throw new IllegalArgumentException(n + " values are not a whole number of " + type + " blocks");
        }
        switch (type) {
            case F32 -> BlockQuantizer.f32(x, xo, n, out, at);
            case F16 -> BlockQuantizer.f16(x, xo, n, out, at);
            case BF16 -> BlockQuantizer.bf16(x, xo, n, out, at);
            case Q8_0 -> BlockQuantizer.q8_0(x, xo, n, out, at);
            case Q4_0 -> BlockQuantizer.q4_0(x, xo, n, out, at);
            case Q4_1 -> BlockQuantizer.q4_1(x, xo, n, out, at);
            case Q5_0 -> BlockQuantizer.q5_0(x, xo, n, out, at);
            case Q5_1 -> BlockQuantizer.q5_1(x, xo, n, out, at);
            case Q4_K -> KQuantizer.q4_K(x, xo, n, out, at);
            case Q5_K -> KQuantizer.q5_K(x, xo, n, out, at);
            case Q6_K -> KQuantizer.q6_K(x, xo, n, out, at);
            default -> throw new IllegalArgumentException("cannot quantize to " + type);
        }
    }

    /** {@code x} as a new array-backed segment of {@code type}. */
    public static MemorySegment quantize(GgmlType type, float[] x) {
        MemorySegment out = MemorySegment.ofArray(new byte[(int) type.bytesFor(x.length)]);
        quantize(type, x, 0, x.length, out, 0);
        return out;
    }
}
