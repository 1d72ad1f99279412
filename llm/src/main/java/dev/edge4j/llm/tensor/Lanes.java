package dev.edge4j.llm.tensor;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
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

    /** Rotations by half, quarter, ... of the lanes: the steps of {@link #sum}. */
    private static final java.util.List<VectorShuffle<Float>> HALVES = halves();

    private static java.util.List<VectorShuffle<Float>> halves() {
        java.util.List<VectorShuffle<Float>> out = new java.util.ArrayList<>();
        for (int shift = FL / 2; shift >= 1; shift /= 2) {
            int s = shift;
            out.add(VectorShuffle.fromOp(F, i -> (i + s) % FL));
        }
        return java.util.List.copyOf(out);
    }

    /**
     * The sum of the lanes, always added in the same tree order. {@code reduceLanes(ADD)} may add
     * in a different order once the JIT compiles it, which changes results in the last bit between
     * a cold and a warm run; this does not.
     */
    static float sum(FloatVector v) {
        for (int i = 0; i < HALVES.size(); i++) {
            v = v.add(v.rearrange(HALVES.get(i)));
        }
        return v.lane(0);
    }

    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);
    static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);
}
