package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.B_FOR_S;
import static dev.edge4j.llm.tensor.Lanes.F;
import static dev.edge4j.llm.tensor.Lanes.FL;
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
 * Q8_0: blocks of 32 signed 8-bit values with one half-precision scale (34 bytes).
 * A block's dot product with the 8-bit input is an integer sum times both scales.
 */
public final class Q8_0Matrix extends WeightMatrix {
    static final int BLOCK_BYTES = 34;

    Q8_0Matrix(String name, int rows, int cols, MemorySegment data) {
        super(name, GgmlType.Q8_0, rows, cols, data);
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q8_0;
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.Q8_0;
    }

    /**
     * Per block: the weights widened to shorts times the input's shorts, pairs of products
     * summed as in {@link Lanes#TWO_TO_MINUS_16}, one fma with both scales. Everything is written
     * out in this one method: a helper returning a vector, compiled on its own before this
     * loop, may not be inlined into it, and then every vector it returns is allocated.
     */
    @Override
    public float dot(int row, Activation x) {
        Activation.Int8 a = x.q8_0();
        short[] xq = a.q;
        float[] xd = a.scaleOver65536;
        int blocks = cols / 32;
        long base = row * rowBytes;
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long off = base + (long) b * BLOCK_BYTES;
            IntVector p = ((ShortVector) ByteVector.fromMemorySegment(B_FOR_S, data, off + 2, LE)
                    .convertShape(VectorOperators.B2S, S, 0)).mul(ShortVector.fromArray(S, xq, b * 32)).reinterpretAsInts();
            FloatVector sum = (FloatVector) p.lanewise(VectorOperators.LSHL, 16).add(p.and(0xFFFF0000))
                    .convert(VectorOperators.I2F, 0);
            // Narrower vectors take the block in parts, whose sums are exact.
            for (int c = SL; SL < 32 && c < 32; c += SL) {
                p = ((ShortVector) ByteVector.fromMemorySegment(B_FOR_S, data, off + 2 + c, LE)
                        .convertShape(VectorOperators.B2S, S, 0)).mul(ShortVector.fromArray(S, xq, b * 32 + c)).reinterpretAsInts();
                sum = sum.add((FloatVector) p.lanewise(VectorOperators.LSHL, 16).add(p.and(0xFFFF0000))
                        .convert(VectorOperators.I2F, 0));
            }
            acc = sum.fma(FloatVector.broadcast(F, half(off) * xd[b]), acc);
        }
        return Lanes.sum(acc);
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
            for (int j = 0; j < 32; j++) {
                isum += data.get(ValueLayout.JAVA_BYTE, off + 2 + j) * a.q[b * 32 + j];
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
            for (int c = 0; c < 32; c += SL) {
                ByteVector q = ByteVector.fromMemorySegment(B_FOR_S, data, off + 2 + c, LE);
                ((FloatVector) q.convertShape(VectorOperators.B2F, F, 0)).mul(d).intoArray(out, offset + b * 32 + c);
                ((FloatVector) q.convertShape(VectorOperators.B2F, F, 1)).mul(d).intoArray(out, offset + b * 32 + c + FL);
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
            for (int j = 0; j < 32; j++) {
                out[offset + b * 32 + j] = d * data.get(ValueLayout.JAVA_BYTE, off + 2 + j);
            }
        }
    }
}
