package dev.edge4j.llm.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/** IEEE half-precision and bfloat16 conversions, scalar and across vector lanes. */
final class Half {
    private Half() {}

    private static final float TWO_POW_112 = 0x1p112f;

    /** Lanes of half-precision bits (in the low 16 bits of each int) as floats. */
    static FloatVector toFloat(IntVector bits) {
        IntVector magnitude = bits.and(0x7FFF);
        IntVector sign = bits.and(0x8000).lanewise(VectorOperators.LSHL, 16);
        // Shifting exponent and mantissa into place and scaling by 2^112 rebases the exponent;
        // it is exact for normal and subnormal halves alike.
        FloatVector finite = magnitude.lanewise(VectorOperators.LSHL, 13)
                .reinterpretAsFloats().mul(TWO_POW_112);
        IntVector result = finite.reinterpretAsInts();
        VectorMask<Integer> special = magnitude.compare(VectorOperators.GE, 0x7C00);
        if (special.anyTrue()) {
            IntVector infOrNan = magnitude.lanewise(VectorOperators.LSHL, 13).or(0x7F800000);
            result = result.blend(infOrNan, special);
        }
        return result.or(sign).reinterpretAsFloats();
    }

    /** Lanes of bfloat16 bits (in the low 16 bits of each int) as floats. */
    static FloatVector bf16ToFloat(IntVector bits) {
        return bits.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Rounds to bfloat16 (to nearest, ties to even), as ggml does; NaN stays NaN. */
    static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7FFFFFFF) > 0x7F800000) {
            return (short) ((bits >>> 16) | 64);
        }
        return (short) ((bits + (0x7FFF + ((bits >>> 16) & 1))) >>> 16);
    }
}
