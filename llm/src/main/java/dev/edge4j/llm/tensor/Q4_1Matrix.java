package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.B_FOR_S16;
import static dev.edge4j.llm.tensor.Lanes.F;
import static dev.edge4j.llm.tensor.Lanes.FL;
import static dev.edge4j.llm.tensor.Lanes.I;
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

/**
 * Q4_1: blocks of 32 values stored as 4-bit unsigned numbers q (value = d * q + m) with a
 * half-precision scale d and minimum m (20 bytes); nibbles laid out as in Q4_0.
 */
public final class Q4_1Matrix extends WeightMatrix {
    static final int BLOCK_BYTES = 20;

    Q4_1Matrix(String name, int rows, int cols, MemorySegment data) {
        super(name, GgmlType.Q4_1, rows, cols, data);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q4_1;
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.Q8_0;
    }

    @Override
    public float dot(int row, Activation x) {
        Activation.Int8 a = x.q8_0();
        short[] xq = a.q;
        float[] xd = a.scale;
        int[] xs = a.sum;
        int blocks = cols / 32;
        long base = row * rowBytes;
        FloatVector acc = FloatVector.zero(F);
        float offset = 0;
        for (int b = 0; b < blocks; b++) {
            long off = base + (long) b * BLOCK_BYTES;
            IntVector isum = IntVector.zero(I);
            for (int c = 0; c < 16; c += S16L) {
                ByteVector q = ByteVector.fromMemorySegment(B_FOR_S16, data, off + 4 + c, LE);
                ShortVector lo = (ShortVector) q.and((byte) 0x0F).convertShape(VectorOperators.B2S, S16, 0);
                ShortVector hi = (ShortVector) Lanes.highNibbles(q).convertShape(VectorOperators.B2S, S16, 0);
                ShortVector p = lo.mul(ShortVector.fromArray(S16, xq, b * 32 + c))
                        .add(hi.mul(ShortVector.fromArray(S16, xq, b * 32 + 16 + c)));
                for (int part = 0; part < S16_PARTS; part++) {
                    isum = isum.add((IntVector) p.convertShape(VectorOperators.S2I, I, part));
                }
            }
            float dx = xd[b];
            acc = ((FloatVector) isum.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, half(off) * dx), acc);
            offset += half(off + 2) * dx * xs[b];
        }
        return Lanes.sum(acc) + offset;
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
                int q = u8(off + 4 + j);
                isum += (q & 0x0F) * a.q[b * 32 + j] + (q >>> 4) * a.q[b * 32 + 16 + j];
            }
            sum += isum * (half(off) * a.scale[b]) + half(off + 2) * a.scale[b] * a.sum[b];
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
            FloatVector m = FloatVector.broadcast(F, half(off + 2));
            int o = offset + b * 32;
            for (int c = 0; c < 16; c += S16L) {
                ByteVector q = ByteVector.fromMemorySegment(B_FOR_S16, data, off + 4 + c, LE);
                ByteVector lo = q.and((byte) 0x0F);
                ByteVector hi = q.lanewise(VectorOperators.LSHR, 4);
                for (int part = 0; part < S16_PARTS; part++) {
                    ((FloatVector) lo.convertShape(VectorOperators.B2F, F, part)).fma(d, m).intoArray(out, o + c + part * FL);
                    ((FloatVector) hi.convertShape(VectorOperators.B2F, F, part)).fma(d, m).intoArray(out, o + 16 + c + part * FL);
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
            float m = half(off + 2);
            for (int j = 0; j < 16; j++) {
                int q = u8(off + 4 + j);
                out[offset + b * 32 + j] = d * (q & 0x0F) + m;
                out[offset + b * 32 + 16 + j] = d * (q >>> 4) + m;
            }
        }
    }
}
