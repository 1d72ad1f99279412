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
 * Q5_0: blocks of 32 five-bit values q (value = d * (q - 16)) with a half-precision scale d
 * (22 bytes: d, 32 fifth bits, 16 bytes of nibbles laid out as in Q4_0). llama.cpp's K-quant
 * mixes fall back to it for rows that are not whole 256-value super-blocks.
 */
public final class Q5_0Matrix extends WeightMatrix {
    static final int BLOCK_BYTES = 22;

    Q5_0Matrix(String name, int rows, int cols, MemorySegment data) {
        super(name, GgmlType.Q5_0, rows, cols, data);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q5_0;
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
            int qh = data.get(INT_LE, off + 2);
            IntVector isum = IntVector.zero(I);
            for (int c = 0; c < 16; c += S16L) {
                ByteVector q = ByteVector.fromMemorySegment(B_FOR_S16, data, off + 6 + c, LE);
                ByteVector lo = q.and((byte) 0x0F).or(FiveBits.bits(qh, c));
                ByteVector hi = Lanes.highNibbles(q).or(FiveBits.bits(qh, 16 + c));
                ShortVector p = ((ShortVector) lo.convertShape(VectorOperators.B2S, S16, 0)).mul(ShortVector.fromArray(S16, xq, b * 32 + c))
                        .add(((ShortVector) hi.convertShape(VectorOperators.B2S, S16, 0)).mul(ShortVector.fromArray(S16, xq, b * 32 + 16 + c)));
                for (int part = 0; part < S16_PARTS; part++) {
                    isum = isum.add((IntVector) p.convertShape(VectorOperators.S2I, I, part));
                }
            }
            float d = half(off) * xd[b];
            acc = ((FloatVector) isum.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, d), acc);
            offset += d * xs[b];
        }
        return Lanes.sum(acc) - 16 * offset;
    }

    @Override
    public float dotReference(int row, Activation x) {
        Activation.Int8 a = x.q8_0();
        int blocks = cols / 32;
        long base = row * rowBytes;
        float sum = 0;
        for (int b = 0; b < blocks; b++) {
            long off = base + (long) b * BLOCK_BYTES;
            int qh = data.get(INT_LE, off + 2);
            int isum = 0;
            for (int j = 0; j < 32; j++) {
                isum += (FiveBits.value(u8(off + 6 + j % 16), qh, j) - 16) * a.q[b * 32 + j];
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
            int qh = data.get(INT_LE, off + 2);
            FloatVector d = FloatVector.broadcast(F, half(off));
            int o = offset + b * 32;
            for (int c = 0; c < 16; c += S16L) {
                ByteVector q = ByteVector.fromMemorySegment(B_FOR_S16, data, off + 6 + c, LE);
                ByteVector lo = q.and((byte) 0x0F).or(FiveBits.bits(qh, c)).sub((byte) 16);
                ByteVector hi = Lanes.highNibbles(q).or(FiveBits.bits(qh, 16 + c)).sub((byte) 16);
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
            int qh = data.get(INT_LE, off + 2);
            float d = half(off);
            for (int j = 0; j < 32; j++) {
                out[offset + b * 32 + j] = (FiveBits.value(u8(off + 6 + j % 16), qh, j) - 16) * d;
            }
        }
    }
}
