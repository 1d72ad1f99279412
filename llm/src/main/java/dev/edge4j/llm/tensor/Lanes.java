package dev.edge4j.llm.tensor;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species every kernel derives from {@link FloatVector#SPECIES_PREFERRED}, so the same
 * code runs on 512-bit AVX-512, 256-bit AVX2 and the 128-bit NEON of a Raspberry Pi.
 */
final class Lanes {
    private Lanes() {}

    /** Floats: the machine's preferred width. */
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int FL = F.length();
    /** Ints of the same width (as many lanes as {@link #F}). */
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** Shorts of the same width (twice as many lanes). */
    static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED;
    static final int SL = S.length();
    /** Bytes filling {@link #S} when widened: half the width, {@link #SL} lanes. */
    static final VectorSpecies<Byte> B_FOR_S = VectorSpecies.of(byte.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    /** Shorts for half-blocks of 16 values: at most 16 lanes (256 bits), fewer on narrow machines. */
    static final VectorSpecies<Short> S16 = VectorSpecies.of(short.class, VectorShape.forBitSize(Math.min(256, F.vectorBitSize())));
    static final int S16L = S16.length();
    /** Bytes filling {@link #S16} when widened. */
    static final VectorSpecies<Byte> B_FOR_S16 = VectorSpecies.of(byte.class, VectorShape.forBitSize(S16.vectorBitSize() / 2));
    /** Int parts {@link #S16} splits into. */
    static final int S16_PARTS = S16L / FL;
    /** Shorts of half the float width: {@link #FL} lanes, for F16/BF16 weights. */
    static final VectorSpecies<Short> S_FOR_F = VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));

    // Rotations by half, a quarter, an eighth and a sixteenth of the lanes: the steps of sum().
    // Separate constants (not an array) so the JIT sees each shuffle as a constant.
    private static final VectorShuffle<Float> ROTATE_1 = rotation(FL / 2);
    private static final VectorShuffle<Float> ROTATE_2 = rotation(FL / 4);
    private static final VectorShuffle<Float> ROTATE_3 = rotation(Math.max(1, FL / 8));
    private static final VectorShuffle<Float> ROTATE_4 = rotation(Math.max(1, FL / 16));

    private static VectorShuffle<Float> rotation(int by) {
        return VectorShuffle.fromOp(F, i -> (i + by) % FL);
    }

    /**
     * The sum of the lanes, always added in the same tree order: lane i plus lane i + n/2, and so
     * on. {@code reduceLanes(ADD)} may add in another order once the JIT compiles it, which
     * changes results in the last bit between a cold and a warm run; this does not.
     */
    static float sum(FloatVector v) {
        v = v.add(v.rearrange(ROTATE_1));
        v = v.add(v.rearrange(ROTATE_2));
        if (FL >= 8) {
            v = v.add(v.rearrange(ROTATE_3));
        }
        if (FL >= 16) {
            v = v.add(v.rearrange(ROTATE_4));
        }
        return v.lane(0);
    }

    /**
     * Products of adjacent pairs of shorts, summed into ints (x86's pmaddwd): lane i of the result
     * is a[2i]*b[2i] + a[2i+1]*b[2i+1]. Each product must fit in a short. Cheaper than widening
     * both halves of the products to ints.
     */
    static IntVector pairSums(ShortVector a, ShortVector b) {
        IntVector p = a.mul(b).reinterpretAsInts();
        return p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                .add(p.lanewise(VectorOperators.ASHR, 16));
    }

    /**
     * Pair sums times 2^16, the cheaper form of {@link #pairSums} where a float scale follows:
     * for p the int view of the short products, (p << 16) + (p & 0xFFFF0000) is
     * (a[2i]*b[2i] + a[2i+1]*b[2i+1]) * 65536 in three ops, not four. For products of at most 15
     * bits and a sign it fits in an int and converts to a float exactly; sums of such floats stay
     * exact below 2^40, so a block taken in several parts adds up to the same value in any
     * order. Fold this factor into the scale that multiplies the sums.
     */
    static final float TWO_TO_MINUS_16 = 1f / 65536;

    /**
     * The high nibble of every byte, as a byte. Shifts 16-bit lanes and masks: x86 has no byte
     * shift, and a byte-lane shift costs several instructions.
     */
    static ByteVector highNibbles(ByteVector q) {
        return q.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes().and((byte) 0x0F);
    }

    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);
    static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);
}
