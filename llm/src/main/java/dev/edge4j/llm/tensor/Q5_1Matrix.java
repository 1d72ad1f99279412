package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.B_FOR_S16;
import static dev.edge4j.llm.tensor.Lanes.F;
import static dev.edge4j.llm.tensor.Lanes.FL;
import static dev.edge4j.llm.tensor.Lanes.I;
import static dev.edge4j.llm.tensor.Lanes.INT_LE;
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
 * Q5_1: blocks of 32 five-bit values q (value = d * q + m) with a half-precision scale d and
 * minimum m (24 bytes: d, m, 32 fifth bits, 16 bytes of nibbles). The fallback of Q5_K mixes
 * for rows that are not whole super-blocks.
 */
public final class Q5_1Matrix extends WeightMatrix {
    static final int BLOCK_BYTES = 24;

    Q5_1Matrix(String name, int rows, int cols, MemorySegment data) {
        super(name, GgmlType.Q5_1, rows, cols, data);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q5_1;
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
            int qh = data.get(INT_LE, off + 4);
            IntVector isum = IntVector.zero(I);
            for (int c = 0; c < 16; c += S16L) {
                ByteVector q = ByteVector.fromMemorySegment(B_FOR_S16, data, off + 8 + c, LE);
                ByteVector lo = q.and((byte) 0x0F).or(FiveBits.bits(qh, c));
                ByteVector hi = Lanes.highNibbles(q).or(FiveBits.bits(qh, 16 + c));
                ShortVector p = ((ShortVector) lo.convertShape(VectorOperators.B2S, S16, 0)).mul(ShortVector.fromArray(S16, xq, b * 32 + c))
                        .add(((ShortVector) hi.convertShape(VectorOperators.B2S, S16, 0)).mul(ShortVector.fromArray(S16, xq, b * 32 + 16 + c)));
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
            int qh = data.get(INT_LE, off + 4);
            int isum = 0;
            for (int j = 0; j < 32; j++) {
                isum += FiveBits.value(u8(off + 8 + j % 16), qh, j) * a.q[b * 32 + j];
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
            int qh = data.get(INT_LE, off + 4);
            FloatVector d = FloatVector.broadcast(F, half(off));
            FloatVector m = FloatVector.broadcast(F, half(off + 2));
            int o = offset + b * 32;
            for (int c = 0; c < 16; c += S16L) {
                ByteVector q = ByteVector.fromMemorySegment(B_FOR_S16, data, off + 8 + c, LE);
                ByteVector lo = q.and((byte) 0x0F).or(FiveBits.bits(qh, c));
                ByteVector hi = Lanes.highNibbles(q).or(FiveBits.bits(qh, 16 + c));
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
            int qh = data.get(INT_LE, off + 4);
            float d = half(off);
            float m = half(off + 2);
            for (int j = 0; j < 32; j++) {
                out[offset + b * 32 + j] = FiveBits.value(u8(off + 8 + j % 16), qh, j) * d + m;
            }
        }
    }
}
