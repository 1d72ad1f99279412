package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.B_FOR_S16;
import static dev.edge4j.llm.tensor.Lanes.F;
import static dev.edge4j.llm.tensor.Lanes.FLOAT_LE;
import static dev.edge4j.llm.tensor.Lanes.FL;
import static dev.edge4j.llm.tensor.Lanes.I;
import static dev.edge4j.llm.tensor.Lanes.LE;
import static dev.edge4j.llm.tensor.Lanes.S16;
import static dev.edge4j.llm.tensor.Lanes.S16L;
import static dev.edge4j.llm.tensor.Lanes.S16_PARTS;
import static dev.edge4j.llm.tensor.Lanes.SHORT_LE;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
 *
 * <p>The kernel reads the nibbles in place from the mapped file and the scales from a copy
 * converted to floats when the matrix is built (4 bytes per 32 values, 22% on top of the
 * tensor): converting a half-precision scale per block in the loop cost more than the rest of
 * the block's work. A copy of the nibbles too made generation slower (likely the copy's small
 * pages against the file's large ones, as every token streams the whole tensor).
 */
public final class Q4_0Matrix extends WeightMatrix {
    static final int BLOCK_BYTES = 18;

    /** Floats as wide as {@link Lanes#S16}: one lane per pair of its shorts. */
    private static final VectorSpecies<Float> F16 = VectorSpecies.of(float.class, S16.vectorShape());
    private static final ThreadLocal<float[]> ROW_SCALES = ThreadLocal.withInitial(() -> new float[0]);

    private final int blocks;
    /** {@link #blocks} rounded up to whole vectors of floats. */
    private final int scaleStride;
    /** One float scale per block, rows {@link #scaleStride} scales apart (zeros between). */
    private final MemorySegment scales;

    Q4_0Matrix(String name, int rows, int cols, MemorySegment data) {
        super(name, GgmlType.Q4_0, rows, cols, data);
        blocks = cols / 32;
        scaleStride = (blocks + FL - 1) / FL * FL;
        scales = Arena.ofAuto().allocate((long) rows * scaleStride * 4, 64);
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < blocks; b++) {
                short d = data.get(SHORT_LE, r * rowBytes + (long) b * BLOCK_BYTES);
                if ((d & 0x7C00) == 0x7C00) {
                    throw new ModelFormatException("tensor '" + name + "' has a scale that is not a finite number ("
                            + Float.float16ToFloat(d) + ") in block " + b + " of row " + r);
                }
                scales.set(FLOAT_LE, ((long) r * scaleStride + b) * 4, Float.float16ToFloat(d));
            }
        }
    }

    @Override
    public GgmlType type() {
        return GgmlType.Q4_0;
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.Q8_0;
    }

    @Override
    public float dot(int row, Activation x) {
        float[] out = new float[1];
        dots(x, row, row + 1, out, 0);
        return out[0];
    }

    @Override
    public void matvec(Activation x, float[] out, int outOffset, int from, int to) {
        dots(x, from, to, out, outOffset + from);
    }

    /**
     * What one int lane of a block's sum adds for the -8 offset of the nibbles: -8 times the
     * input block's sum, spread evenly over the S16L / 2 lanes and times 2^16 as the products are
     * ({@link Lanes#TWO_TO_MINUS_16}).
     */
    static int offsetPerLane(int inputSum) {
        return -(16 / S16L) * 65536 * inputSum;
    }

    /**
     * Rows [from, to) into out[at..]. Per block, in parts of {@link Lanes#S16L} bytes, the
     * nibbles are used as unsigned numbers: with a byte w = 16 hi + lo widened to a short, and
     * the input's values x (0..15) and y = x' - 16 x (x' = values 16..31, {@link
     * Activation.Int8#nibbleQ}), w * x + (w >>> 4) * y = lo * x + hi * x'. The products may wrap
     * in shorts, but the sum, at most 2 * 15 * 127, fits, so it comes out exact. Pairs of those
     * are summed in ints as in {@link Lanes#TWO_TO_MINUS_16}, the block's share of the -8
     * offset ({@link #offsetPerLane}) is added, and one conversion and one fma with both scales
     * finish the block. So a block's integer sum is exactly the reference's. Lanes stay below
     * 2^31: at most 2 parts of 2 * 3810 plus 2 * 4064, times 2^16.
     *
     * <p>Two accumulators take turns so that one block's fma need not wait for the previous
     * one's. The row's scales (weight times input) are made first, a vector at a time, and each
     * row is done within this method: calling a method per row cost a tenth of the time on rows
     * of 896 values.
     *
     * <p>Everything is written out in this one method: a helper returning a vector, compiled on
     * its own before this loop, may not be inlined into it, and then every vector it returns is
     * allocated.
     */
    private void dots(Activation x, int from, int to, float[] out, int at) {
        Activation.Int8 a = x.q8_0();
        short[] xq = a.nibbleQ;
        int[] xo = a.nibbleOffset;
        float[] xd = a.scaleOver65536;
        float[] scale = ROW_SCALES.get();
        if (scale.length < scaleStride) {
            scale = new float[scaleStride];
            ROW_SCALES.set(scale);
        }
        for (int r = from; r < to; r++) {
            rowScales(r, xd, scale);
            long base = r * rowBytes + 2;
            FloatVector acc = FloatVector.zero(F16);
            FloatVector other = acc;
            for (int b = 0; b < blocks; b++) {
                long off = base + (long) b * BLOCK_BYTES;
                ShortVector w = (ShortVector) ByteVector.fromMemorySegment(B_FOR_S16, data, off, LE)
                        .convertShape(VectorOperators.ZERO_EXTEND_B2S, S16, 0);
                IntVector p = w.mul(ShortVector.fromArray(S16, xq, b * 32))
                        .add(w.lanewise(VectorOperators.LSHR, 4).mul(ShortVector.fromArray(S16, xq, b * 32 + 16)))
                        .reinterpretAsInts();
                IntVector sum = p.lanewise(VectorOperators.LSHL, 16).add(p.and(0xFFFF0000)).add(xo[b]);
                for (int c = S16L; S16L < 16 && c < 16; c += S16L) {
                    w = (ShortVector) ByteVector.fromMemorySegment(B_FOR_S16, data, off + c, LE)
                            .convertShape(VectorOperators.ZERO_EXTEND_B2S, S16, 0);
                    p = w.mul(ShortVector.fromArray(S16, xq, b * 32 + c))
                            .add(w.lanewise(VectorOperators.LSHR, 4).mul(ShortVector.fromArray(S16, xq, b * 32 + 16 + c)))
                            .reinterpretAsInts();
                    sum = sum.add(p.lanewise(VectorOperators.LSHL, 16).add(p.and(0xFFFF0000)));
                }
                FloatVector next = ((FloatVector) sum.convert(VectorOperators.I2F, 0))
                        .fma(FloatVector.broadcast(F16, scale[b]), acc);
                acc = other;
                other = next;
            }
            // Widening with zero lanes keeps the sum's order fixed (see Lanes.sum).
            out[at + r - from] = Lanes.sum((FloatVector) acc.add(other).reinterpretShape(F, 0));
        }
    }

    /** scale[b] = d of block b of row r times xd[b], for whole vectors of blocks. */
    private void rowScales(int r, float[] xd, float[] scale) {
        long base = (long) r * scaleStride * 4;
        for (int b = 0; b < scaleStride; b += FL) {
            FloatVector.fromMemorySegment(F, scales, base + 4L * b, LE).mul(FloatVector.fromArray(F, xd, b)).intoArray(scale, b);
        }
    }

    /** Value by value from the file: the integer sum of (q - 8) * x per block, times both scales. */
    @Override
    public float dotReference(int row, Activation x) {
        Activation.Int8 a = x.q8_0();
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
        long base = row * rowBytes;
        for (int b = 0; b < blocks; b++) {
            long off = base + (long) b * BLOCK_BYTES;
            FloatVector d = FloatVector.broadcast(F, scales.get(FLOAT_LE, ((long) row * scaleStride + b) * 4));
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
        long base = row * rowBytes;
        for (int b = 0; b < blocks; b++) {
            long off = base + (long) b * BLOCK_BYTES;
            float d = half(off);
            for (int j = 0; j < 16; j++) {
                int q = data.get(ValueLayout.JAVA_BYTE, off + 2 + j) & 0xFF;
                out[offset + b * 32 + j] = d * ((q & 0x0F) - 8);
                out[offset + b * 32 + 16 + j] = d * ((q >>> 4) - 8);
            }
        }
    }
}
