package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.B_FOR_S;
import static dev.edge4j.llm.tensor.Lanes.F;
import static dev.edge4j.llm.tensor.Lanes.I;
import static dev.edge4j.llm.tensor.Lanes.LE;
import static dev.edge4j.llm.tensor.Lanes.S;
import static dev.edge4j.llm.tensor.Lanes.SL;

import dev.edge4j.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q5_K: as Q4_K with a fifth bit per value (176 bytes per 256 values): d, dmin, 12 scale bytes,
 * 32 bytes of high bits (bit 2j of byte l belongs to value l of sub-block 2j, bit 2j+1 to
 * sub-block 2j+1), then 128 bytes of low nibbles.
 */
public final class Q5KMatrix extends WeightMatrix {
    static final int BLOCK_BYTES = 176;

    Q5KMatrix(String name, int rows, int cols, MemorySegment data) {
        super(name, GgmlType.Q5_K, rows, cols, data);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q5_K;
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.Q8_K;
    }

    @Override
    public float dot(int row, Activation x) {
        Activation.Int8 a = x.q8_K();
        short[] xq = a.q;
        float[] xd = a.scale;
        int[] xs = a.sum;
        int superBlocks = cols / KQuants.QK;
        long base = row * rowBytes;
        FloatVector acc = FloatVector.zero(F);
        float offset = 0;
        for (int sb = 0; sb < superBlocks; sb++) {
            long off = base + (long) sb * BLOCK_BYTES;
            float d = half(off);
            float dmin = half(off + 2);
            for (int j = 0; j < 4; j++) {
                long qOff = off + 48 + 32L * j;
                int xb = sb * 256 + 64 * j;
                IntVector lo = IntVector.zero(I);
                IntVector hi = IntVector.zero(I);
                for (int c = 0; c < 32; c += SL) {
                    ByteVector q = ByteVector.fromMemorySegment(B_FOR_S, data, qOff + c, LE);
                    ByteVector h = ByteVector.fromMemorySegment(B_FOR_S, data, off + 16 + c, LE);
                    ByteVector ql = q.and((byte) 0x0F).or(h.lanewise(VectorOperators.LSHR, 2 * j).and((byte) 1).lanewise(VectorOperators.LSHL, 4));
                    ByteVector qh = q.lanewise(VectorOperators.LSHR, 4)
                            .or(h.lanewise(VectorOperators.LSHR, 2 * j + 1).and((byte) 1).lanewise(VectorOperators.LSHL, 4));
                    IntVector pl = Lanes.pairSums((ShortVector) ql.convertShape(VectorOperators.B2S, S, 0), ShortVector.fromArray(S, xq, xb + c));
                    IntVector ph = Lanes.pairSums((ShortVector) qh.convertShape(VectorOperators.B2S, S, 0), ShortVector.fromArray(S, xq, xb + 32 + c));
                    lo = lo.add(pl);
                    hi = hi.add(ph);
                }
                int bl = sb * 8 + 2 * j;
                float dl = d * KQuants.scale(data, off + 4, 2 * j) * xd[bl];
                float dh = d * KQuants.scale(data, off + 4, 2 * j + 1) * xd[bl + 1];
                acc = ((FloatVector) lo.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, dl), acc);
                acc = ((FloatVector) hi.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, dh), acc);
                offset += dmin * (KQuants.min(data, off + 4, 2 * j) * xd[bl] * xs[bl]
                        + KQuants.min(data, off + 4, 2 * j + 1) * xd[bl + 1] * xs[bl + 1]);
            }
        }
        return Lanes.sum(acc) - offset;
    }

    private int value(long off, int j, int l, boolean high) {
        int q = u8(off + 48 + 32L * j + l);
        int h = u8(off + 16 + l);
        return high ? (q >>> 4) + (((h >>> (2 * j + 1)) & 1) << 4) : (q & 0x0F) + (((h >>> (2 * j)) & 1) << 4);
    }

    @Override
    public float dotReference(int row, Activation x) {
        Activation.Int8 a = x.q8_K();
        int superBlocks = cols / KQuants.QK;
        long base = row * rowBytes;
        float sum = 0;
        for (int sb = 0; sb < superBlocks; sb++) {
            long off = base + (long) sb * BLOCK_BYTES;
            float d = half(off);
            float dmin = half(off + 2);
            for (int j = 0; j < 4; j++) {
                int lo = 0;
                int hi = 0;
                int xb = sb * 256 + 64 * j;
                for (int l = 0; l < 32; l++) {
                    lo += value(off, j, l, false) * a.q[xb + l];
                    hi += value(off, j, l, true) * a.q[xb + 32 + l];
                }
                int bl = sb * 8 + 2 * j;
                sum += d * KQuants.scale(data, off + 4, 2 * j) * a.scale[bl] * lo
                        - dmin * KQuants.min(data, off + 4, 2 * j) * a.scale[bl] * a.sum[bl];
                sum += d * KQuants.scale(data, off + 4, 2 * j + 1) * a.scale[bl + 1] * hi
                        - dmin * KQuants.min(data, off + 4, 2 * j + 1) * a.scale[bl + 1] * a.sum[bl + 1];
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
            float d = half(off);
            float dmin = half(off + 2);
            int o = offset + sb * 256;
            for (int j = 0; j < 4; j++) {
                float d1 = d * KQuants.scale(data, off + 4, 2 * j);
                float m1 = dmin * KQuants.min(data, off + 4, 2 * j);
                float d2 = d * KQuants.scale(data, off + 4, 2 * j + 1);
                float m2 = dmin * KQuants.min(data, off + 4, 2 * j + 1);
                for (int l = 0; l < 32; l++) {
                    out[o + 64 * j + l] = d1 * value(off, j, l, false) - m1;
                    out[o + 64 * j + 32 + l] = d2 * value(off, j, l, true) - m2;
                }
            }
        }
    }
}
