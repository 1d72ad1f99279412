package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.B_FOR_S;
import static dev.edge4j.llm.tensor.Lanes.F;
import static dev.edge4j.llm.tensor.Lanes.I;
import static dev.edge4j.llm.tensor.Lanes.LE;
import static dev.edge4j.llm.tensor.Lanes.S;
import static dev.edge4j.llm.tensor.Lanes.SL;

import dev.edge4j.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q6_K: super-blocks of 256 values (210 bytes): 128 bytes of low nibbles, 64 bytes of 2-bit high
 * parts, 16 signed 8-bit scales (one per 16 values), and a half-precision d; value =
 * d * scale * (q - 32). Each half of 128 values packs four groups of 32: groups 0 and 2 share
 * low-nibble bytes 0..31 (low and high nibble), groups 1 and 3 bytes 32..63, and byte l of the
 * high parts holds bits for value l of all four groups.
 */
public final class Q6KMatrix extends WeightMatrix {
    static final int BLOCK_BYTES = 210;

    Q6KMatrix(String name, int rows, int cols, MemorySegment data) {
        super(name, GgmlType.Q6_K, rows, cols, data);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q6_K;
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.Q8_K;
    }

    private int scale(long off, int i) {
        return data.get(ValueLayout.JAVA_BYTE, off + 192 + i);
    }

    @Override
    public float dot(int row, Activation x) {
        Activation.Int8 a = x.q8_K();
        short[] xq = a.q;
        float[] xd = a.scale;
        int superBlocks = cols / KQuants.QK;
        long base = row * rowBytes;
        FloatVector acc = FloatVector.zero(F);
        for (int sb = 0; sb < superBlocks; sb++) {
            long off = base + (long) sb * BLOCK_BYTES;
            float d = half(off + 208);
            for (int h = 0; h < 2; h++) {
                long lowOff = off + 64L * h;
                long highOff = off + 128 + 32L * h;
                int xb = sb * 256 + 128 * h;
                int blk = sb * 8 + 4 * h;
                for (int c = 0; c < 32; c += SL) {
                    ByteVector lo1 = ByteVector.fromMemorySegment(B_FOR_S, data, lowOff + c, LE);
                    ByteVector lo2 = ByteVector.fromMemorySegment(B_FOR_S, data, lowOff + 32 + c, LE);
                    ByteVector hb = ByteVector.fromMemorySegment(B_FOR_S, data, highOff + c, LE);
                    ByteVector q1 = lo1.and((byte) 0x0F).or(hb.and((byte) 3).lanewise(VectorOperators.LSHL, 4));
                    ByteVector q2 = lo2.and((byte) 0x0F).or(hb.lanewise(VectorOperators.LSHR, 2).and((byte) 3).lanewise(VectorOperators.LSHL, 4));
                    ByteVector q3 = lo1.lanewise(VectorOperators.LSHR, 4).or(hb.lanewise(VectorOperators.LSHR, 4).and((byte) 3).lanewise(VectorOperators.LSHL, 4));
                    ByteVector q4 = lo2.lanewise(VectorOperators.LSHR, 4).or(hb.lanewise(VectorOperators.LSHR, 6).lanewise(VectorOperators.LSHL, 4));
                    acc = group(q1, xq, xb + c, off, 2 * 0 + 8 * h, c, d * xd[blk], acc);
                    acc = group(q2, xq, xb + 32 + c, off, 2 * 1 + 8 * h, c, d * xd[blk + 1], acc);
                    acc = group(q3, xq, xb + 64 + c, off, 2 * 2 + 8 * h, c, d * xd[blk + 2], acc);
                    acc = group(q4, xq, xb + 96 + c, off, 2 * 3 + 8 * h, c, d * xd[blk + 3], acc);
                }
            }
        }
        return Lanes.sum(acc);
    }

    /** Lanes holding the second 16 values of a 32-value chunk (only 512-bit vectors hold 32). */
    private static final jdk.incubator.vector.VectorMask<Float> SECOND_HALF =
            jdk.incubator.vector.VectorMask.fromLong(F, SL > 16 ? 0xFF00L : 0L);

    /**
     * Adds one chunk of a 32-value group. Lane i of the pair sums covers values 2i and 2i+1, so
     * with 32 values per vector the upper half of the lanes takes the second 16-value scale.
     */
    private FloatVector group(ByteVector q, short[] xq, int xAt, long off, int scaleBase, int c, float dd, FloatVector acc) {
        IntVector p = Lanes.pairSums(((ShortVector) q.convertShape(VectorOperators.B2S, S, 0)).sub((short) 32),
                ShortVector.fromArray(S, xq, xAt));
        FloatVector scales = FloatVector.broadcast(F, dd * scale(off, scaleBase + c / 16));
        if (SL > 16) {
            scales = scales.blend(dd * scale(off, scaleBase + c / 16 + 1), SECOND_HALF);
        }
        return ((FloatVector) p.convert(VectorOperators.I2F, 0)).fma(scales, acc);
    }

    private int value(long off, int h, int group, int l) {
        int a = u8(off + 64L * h + l + (group % 2 == 1 ? 32 : 0));
        int hb = u8(off + 128 + 32L * h + l);
        int low = group < 2 ? a & 0x0F : a >>> 4;
        return (low | (((hb >>> (2 * group)) & 3) << 4)) - 32;
    }

    @Override
    public float dotReference(int row, Activation x) {
        Activation.Int8 a = x.q8_K();
        int superBlocks = cols / KQuants.QK;
        long base = row * rowBytes;
        float sum = 0;
        for (int sb = 0; sb < superBlocks; sb++) {
            long off = base + (long) sb * BLOCK_BYTES;
            float d = half(off + 208);
            for (int h = 0; h < 2; h++) {
                for (int g = 0; g < 4; g++) {
                    int blk = sb * 8 + 4 * h + g;
                    for (int half16 = 0; half16 < 2; half16++) {
                        int isum = 0;
                        for (int l = 16 * half16; l < 16 * half16 + 16; l++) {
                            isum += value(off, h, g, l) * a.q[blk * 32 + l];
                        }
                        sum += d * scale(off, 8 * h + 2 * g + half16) * a.scale[blk] * isum;
                    }
                }
            }
        }
        return sum;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        dequantizeRowReference(row, out, offset);
    }

    @Override
    public void dequantizeRowReference(int row, float[] out, int offset) {
        int superBlocks = cols / KQuants.QK;
        long base = row * rowBytes;
        for (int sb = 0; sb < superBlocks; sb++) {
            long off = base + (long) sb * BLOCK_BYTES;
            float d = half(off + 208);
            for (int h = 0; h < 2; h++) {
                for (int g = 0; g < 4; g++) {
                    for (int l = 0; l < 32; l++) {
                        out[offset + sb * 256 + 128 * h + 32 * g + l] = d * scale(off, 8 * h + 2 * g + l / 16) * value(off, h, g, l);
                    }
                }
            }
        }
    }
}
