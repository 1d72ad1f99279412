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
 * Q4_K: super-blocks of 256 values (144 bytes): half-precision d and dmin, 8 packed 6-bit
 * scales and minimums (one per sub-block of 32), then 128 bytes of 4-bit numbers q; value =
 * d * scale * q - dmin * min. Each 32 bytes hold two sub-blocks: one in the low, the next in the
 * high nibbles.
 */
public final class Q4KMatrix extends WeightMatrix {
    static final int BLOCK_BYTES = 144;

    Q4KMatrix(String name, int rows, int cols, MemorySegment data) {
        super(name, GgmlType.Q4_K, rows, cols, data);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q4_K;
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
                long qOff = off + 16 + 32L * j;
                int xb = sb * 256 + 64 * j;
                IntVector lo = IntVector.zero(I);
                IntVector hi = IntVector.zero(I);
                for (int c = 0; c < 32; c += SL) {
                    ByteVector q = ByteVector.fromMemorySegment(B_FOR_S, data, qOff + c, LE);
                    IntVector pl = Lanes.pairSums((ShortVector) q.and((byte) 0x0F).convertShape(VectorOperators.B2S, S, 0),
                            ShortVector.fromArray(S, xq, xb + c));
                    IntVector ph = Lanes.pairSums((ShortVector) Lanes.highNibbles(q).convertShape(VectorOperators.B2S, S, 0),
                            ShortVector.fromArray(S, xq, xb + 32 + c));
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
                    int q = u8(off + 16 + 32L * j + l);
                    lo += (q & 0x0F) * a.q[xb + l];
                    hi += (q >>> 4) * a.q[xb + 32 + l];
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
                    int q = u8(off + 16 + 32L * j + l);
                    out[o + 64 * j + l] = d1 * (q & 0x0F) - m1;
                    out[o + 64 * j + 32 + l] = d2 * (q >>> 4) - m2;
                }
            }
        }
    }
}
