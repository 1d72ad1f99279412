package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.B_FOR_S16;
import static dev.edge4j.llm.tensor.Lanes.S16L;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/** The fifth bits of Q5_0 and Q5_1 blocks: 32 bits, one per value, turned into bytes of 0 or 16. */
final class FiveBits {
    private FiveBits() {}

    private static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, B_FOR_S16.vectorShape());

    /** Eight bits as eight bytes, each 16 if its bit is set, else 0 (byte i from bit i). */
    static long spread(int bits) {
        long x = ((bits & 0xFFL) * 0x0101010101010101L) & 0x8040201008040201L;
        return (((x + 0x7F7F7F7F7F7F7F7FL) >>> 7) & 0x0101010101010101L) << 4;
    }

    /** Bytes of 0 or 16 for bits [first, first + S16L) of {@code qh}, one per lane. */
    static ByteVector bits(int qh, int first) {
        LongVector v = LongVector.zero(LONGS);
        for (int i = 0; i < S16L / 8; i++) {
            v = v.withLane(i, spread(qh >>> (first + 8 * i)));
        }
        return v.reinterpretAsBytes();
    }

    /** Value {@code j} (0..31) of a block: low or high nibble of byte j % 16 plus its fifth bit. */
    static int value(int nibbles, int qh, int j) {
        int n = j < 16 ? nibbles & 0x0F : nibbles >>> 4;
        return n | (((qh >>> j) & 1) << 4);
    }
}
