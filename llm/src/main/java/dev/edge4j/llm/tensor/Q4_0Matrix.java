package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.B_FOR_S16;
import static dev.edge4j.llm.tensor.Lanes.F;
import static dev.edge4j.llm.tensor.Lanes.FL;
import static dev.edge4j.llm.tensor.Lanes.LE;
import static dev.edge4j.llm.tensor.Lanes.S16;
import static dev.edge4j.llm.tensor.Lanes.S16L;
import static dev.edge4j.llm.tensor.Lanes.S16_PARTS;

import dev.edge4j.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q4_0: blocks of 32 values stored as 4-bit unsigned numbers q (value = d * (q - 8)) with one
 * half-precision scale d (18 bytes). Byte j holds value j in its low and value j + 16 in its
 * high nibble.
 */
public final class Q4_0Matrix extends WeightMatrix {
    static final int BLOCK_BYTES = 18;

    Q4_0Matrix(String name, int rows, int cols, MemorySegment data) {
        super(name, GgmlType.Q4_0, rows, cols, data);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q4_0;
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.Q8_0;
    }

    /** Floats as wide as {@link Lanes#S16}: one lane per pair of its shorts. */
    private static final VectorSpecies<Float> F16 = VectorSpecies.of(float.class, S16.vectorShape());

    /**
     * Per block, in parts of {@link Lanes#S16L} bytes: low nibbles times values c.., high
     * nibbles times values 16 + c.., the two products added in shorts (each at most 8 * 127, so
     * the sum fits), then pairs of those summed in ints as in {@link Lanes#TWO_TO_MINUS_16} (at
     * most 8 parts of 2 * 2032 * 2^16 fit), one conversion and one fma with both scales.
     *
     * <p>A nibble h minus 8 is h ^ 8 read as a signed 4-bit number. So the byte, flipped by
     * 0x88 and widened with its sign, gives the high value by one arithmetic shift and the low
     * one by shifting it to the top of the short and back.
     *
     * <p>Everything is written out in this one method: a helper returning a vector, compiled on
     * its own before this loop, may not be inlined into it, and then every vector it returns is
     * allocated.
     */
    @Override
    public float dot(int row, Activation x) {
        Activation.Int8 a = x.q8_0();
        short[] xq = a.q;
        float[] xd = a.scaleOver65536;
        int blocks = cols / 32;
        long base = row * rowBytes;
        FloatVector acc = FloatVector.zero(F16);
        for (int b = 0; b < blocks; b++) {
            long off = base + (long) b * BLOCK_BYTES;
            ShortVector w = ((ShortVector) ByteVector.fromMemorySegment(B_FOR_S16, data, off + 2, LE)
                    .convertShape(VectorOperators.B2S, S16, 0)).lanewise(VectorOperators.XOR, (short) 0xFF88);
            ShortVector lo = w.lanewise(VectorOperators.LSHL, 12).lanewise(VectorOperators.ASHR, 12);
            ShortVector hi = w.lanewise(VectorOperators.ASHR, 4);
            IntVector p = lo.mul(ShortVector.fromArray(S16, xq, b * 32))
                    .add(hi.mul(ShortVector.fromArray(S16, xq, b * 32 + 16))).reinterpretAsInts();
            IntVector sum = p.lanewise(VectorOperators.LSHL, 16).add(p.and(0xFFFF0000));
            for (int c = S16L; S16L < 16 && c < 16; c += S16L) {
                w = ((ShortVector) ByteVector.fromMemorySegment(B_FOR_S16, data, off + 2 + c, LE)
                        .convertShape(VectorOperators.B2S, S16, 0)).lanewise(VectorOperators.XOR, (short) 0xFF88);
                lo = w.lanewise(VectorOperators.LSHL, 12).lanewise(VectorOperators.ASHR, 12);
                hi = w.lanewise(VectorOperators.ASHR, 4);
                p = lo.mul(ShortVector.fromArray(S16, xq, b * 32 + c))
                        .add(hi.mul(ShortVector.fromArray(S16, xq, b * 32 + 16 + c))).reinterpretAsInts();
                sum = sum.add(p.lanewise(VectorOperators.LSHL, 16).add(p.and(0xFFFF0000)));
            }
            acc = ((FloatVector) sum.convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.broadcast(F16, half(off) * xd[b]), acc);
        }
        // Widening with zero lanes keeps the sum's order fixed (see Lanes.sum).
        return Lanes.sum((FloatVector) acc.reinterpretShape(F, 0));
    }

    @Override
    public float dotReference(int row, Activation x) {
        Activation.Int8 a = x.q8_0();
        int blocks = cols / 32;
        long base = row * rowBytes;
        float sum = 0;
        for (int b = 0; b < blocks; b++) {
            long off = base + (long) b * BLOCK_BYTES;
            int isum = 0;
            for (int j = 0; j < 16; j++) {
                int q = u8(off + 2 + j);
                isum += ((q & 0x0F) - 8) * a.q[b * 32 + j] + ((q >>> 4) - 8) * a.q[b * 32 + 16 + j];
            }
            sum += isum * (half(off) * a.scale[b]);
        }
        return sum;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        int blocks = cols / 32;
        long base = row * rowBytes;
        for (int b = 0; b < blocks; b++) {
            long off = base + (long) b * BLOCK_BYTES;
            FloatVector d = FloatVector.broadcast(F, half(off));
            int o = offset + b * 32;
            for (int c = 0; c < 16; c += S16L) {
                ByteVector q = ByteVector.fromMemorySegment(B_FOR_S16, data, off + 2 + c, LE);
                ByteVector lo = q.and((byte) 0x0F).sub((byte) 8);
                ByteVector hi = q.lanewise(VectorOperators.LSHR, 4).sub((byte) 8);
                for (int part = 0; part < S16_PARTS; part++) {
                    ((FloatVector) lo.convertShape(VectorOperators.B2F, F, part)).mul(d).intoArray(out, o + c + part * FL);
                    ((FloatVector) hi.convertShape(VectorOperators.B2F, F, part)).mul(d).intoArray(out, o + 16 + c + part * FL);
                }
            }
        }
    }

    @Override
    public void dequantizeRowReference(int row, float[] out, int offset) {
        int blocks = cols / 32;
        long base = row * rowBytes;
        for (int b = 0; b < blocks; b++) {
            long off = base + (long) b * BLOCK_BYTES;
            float d = half(off);
            for (int j = 0; j < 16; j++) {
                int q = u8(off + 2 + j);
                out[offset + b * 32 + j] = d * ((q & 0x0F) - 8);
                out[offset + b * 32 + 16 + j] = d * ((q >>> 4) - 8);
            }
        }
    }
}
