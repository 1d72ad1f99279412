package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.B_FOR_S16;
import static dev.edge4j.llm.tensor.Lanes.F;
import static dev.edge4j.llm.tensor.Lanes.FL;
import static dev.edge4j.llm.tensor.Lanes.I;
import static dev.edge4j.llm.tensor.Lanes.LE;
import static dev.edge4j.llm.tensor.Lanes.S;
import static dev.edge4j.llm.tensor.Lanes.S16L;
import static dev.edge4j.llm.tensor.Lanes.S16_PARTS;
import static dev.edge4j.llm.tensor.Lanes.SL;
import static dev.edge4j.llm.tensor.Lanes.S_FOR_F;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_0: blocks of 32 values stored as 4-bit unsigned numbers q (value = d * (q - 8)) with one
 * half-precision scale d (18 bytes). In the file, byte j of a block holds value j in its low and
 * value j + 16 in its high nibble.
 *
 * <p>The matrix keeps its own copy, regrouped so that one vector of shorts spans many blocks.
 * Rows keep their size and place. Within a row, blocks go in groups of {@link #span} blocks (at
 * most {@link #GROUP}; the last group may hold fewer), n blocks a group: first the group's
 * nibbles as four runs of n ints, run k holding bytes
 * 4k..4k+3 of each block in turn, then the group's n scales. A vector of shorts loaded from a run
 * thus holds block i's bytes in lanes 2i and 2i + 1, four nibbles per lane, and a pair of lanes
 * read as one int belongs to one block.
 *
 * <p>The copy costs no memory over reading the file in place, as the file's pages of this tensor
 * are never touched ({@link WeightMatrix.Source}).
 */
public final class Q4_0Matrix extends WeightMatrix {
    static final int BLOCK_BYTES = 18;
    /** Blocks per group: one per int lane of a vector of shorts. */
    static final int GROUP = SL / 2;
    /** Shorts of input form per group: 4 runs x 4 nibbles x {@link Lanes#SL} lanes. */
    static final int INPUT_PER_GROUP = 16 * SL;
    /** 2^112 rebases a half's exponent, shifted into a float's, to the float's bias. */
    private static final float TWO_TO_112 = 0x1p112f;

    /**
     * Bytes after the last row: a short last group is read in whole vectors, and the last row's
     * reads must stay inside the copy.
     */
    private static final int PAD = GROUP * BLOCK_BYTES;

    private final int blocks;
    private final int groups;
    /** Blocks per group: {@link #span}. */
    private final int span;

    private Q4_0Matrix(String name, int rows, int cols, MemorySegment regrouped) {
        super(name, GgmlType.Q4_0, rows, cols, regrouped);
        blocks = cols / 32;
        span = span(blocks);
        groups = (blocks + span - 1) / span;
    }

    /**
     * Blocks per group in rows of {@code blocks} blocks: {@link #GROUP}, or fewer where that cuts
     * the row into equal groups (rows of 28 blocks: two of 14). Every group then runs the same
     * loop at the same stride; otherwise the last group is shorter ({@link #tailGroup}).
     */
    static int span(int blocks) {
        int groups = (blocks + GROUP - 1) / GROUP;
        return blocks % GROUP != 0 && blocks % groups == 0 ? blocks / groups : GROUP;
    }

    /** A matrix over a regrouped copy in {@code memory} of {@code data}'s bytes, which {@code source} supplies. */
    static Q4_0Matrix copyOf(String name, int rows, int cols, MemorySegment data, Source source, WeightMemory memory) {
        checkSize(name, GgmlType.Q4_0, rows, cols, data);
        long rowBytes = GgmlType.Q4_0.bytesFor(cols);
        MemorySegment copy;
        try {
            copy = memory.allocate(rowBytes * rows + PAD);
        } catch (OutOfMemoryError e) {
            throw new IllegalStateException("no memory for tensor '" + name + "' (" + (rowBytes * rows >> 20)
                    + " MB of Q4_0 weights); the JVM option -XX:MaxDirectMemorySize sets how much is allowed", e);
        }
        source.copyTo(copy.asSlice(0, rowBytes * rows));
        regroup(name, rows, cols, copy);
        return new Q4_0Matrix(name, rows, cols, copy);
    }

    /**
     * Rewrites each row of the file's layout into the grouped one, checking every scale. Rows
     * move between the copy and arrays in bulk and are rearranged in the arrays: reading and
     * writing segments value by value here would teach the JIT's shared profiles of segment
     * access a second kind of segment, and every kernel's loads from the mapped file would then
     * carry type checks.
     */
    private static void regroup(String name, int rows, int cols, MemorySegment m) {
        int blocks = cols / 32;
        int rowBytes = blocks * BLOCK_BYTES;
        byte[] file = new byte[rowBytes];
        byte[] grouped = new byte[rowBytes];
        int span = span(blocks);
        for (int r = 0; r < rows; r++) {
            long base = (long) r * rowBytes;
            MemorySegment.copy(m, ValueLayout.JAVA_BYTE, base, file, 0, rowBytes);
            for (int g = 0; g * span < blocks; g++) {
                int n = Math.min(span, blocks - g * span);
                int at = g * span * BLOCK_BYTES;
                for (int i = 0; i < n; i++) {
                    int b = g * span + i;
                    int from = b * BLOCK_BYTES;
                    short d = (short) SHORTS.get(file, from);
                    if ((d & 0x7C00) == 0x7C00) {
                        throw new ModelFormatException("tensor '" + name + "' has a scale that is not a finite number ("
                                + Float.float16ToFloat(d) + ") in block " + b + " of row " + r);
                    }
                    for (int k = 0; k < 4; k++) {
                        INTS.set(grouped, at + 4 * (k * n + i), (int) INTS.get(file, from + 2 + 4 * k));
                    }
                    SHORTS.set(grouped, at + 16 * n + 2 * i, d);
                }
            }
            MemorySegment.copy(grouped, 0, m, ValueLayout.JAVA_BYTE, base, rowBytes);
        }
    }

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Fills the input form {@link #dots} multiplies with, from an input's 8-bit blocks. Per group,
     * run k and nibble j, one vector of shorts holds, in the lane of each block's short, the input
     * value that nibble multiplies, less 16 times the value of the nibble below it in the short:
     * the kernel multiplies the short shifted right by 4j, which still carries the nibbles above,
     * and in 16-bit arithmetic those surplus products cancel exactly. Lanes of blocks past the end
     * stay zero. Fills blocks [from, to) of an input of {@code blocks} blocks.
     */
    static void fillInput(short[] q, int[] sum, float[] scale, int blocks, int from, int to, short[] coefficients,
            int[] offset, float[] scales) {
        int span = span(blocks);
        for (int b = from; b < to; b++) {
            int g = b / span;
            int i = b % span;
            offset[g * GROUP + i] = -8 * sum[b];
            scales[g * GROUP + i] = scale[b] * TWO_TO_112;
            for (int k = 0; k < 4; k++) {
                for (int h = 0; h < 2; h++) {
                    // The short holds bytes 4k + 2h and the next: their low nibbles are values
                    // (byte index), their high ones values (byte index + 16).
                    int v = b * 32 + 4 * k + 2 * h;
                    int x0 = q[v];
                    int x1 = q[v + 16];
                    int x2 = q[v + 1];
                    int x3 = q[v + 17];
                    int at = g * INPUT_PER_GROUP + k * 4 * SL + 2 * i + h;
                    coefficients[at] = (short) x0;
                    coefficients[at + SL] = (short) (x1 - 16 * x0);
                    coefficients[at + 2 * SL] = (short) (x2 - 16 * x1);
                    coefficients[at + 3 * SL] = (short) (x3 - 16 * x2);
                }
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
        matvec(x, out, -row, row, row + 1);
        return out[0];
    }

    /**
     * Rows whose vector sums are kept before their lanes are added up. The sums of a whole task
     * (tens of kilobytes for rows of 896 values) pushed the input form and the weights being read
     * out of the L1 cache: a layer's Q4_0 products from memory on two threads took 3-6% longer.
     */
    private static final int ROWS_PER_PASS = 16;

    @Override
    public void matvec(Activation x, float[] out, int outOffset, int from, int to) {
        float[] sums = ROW_SUMS.get();
        for (int a = from; a < to; a += ROWS_PER_PASS) {
            int b = Math.min(to, a + ROWS_PER_PASS);
            dots(x, a, b, sums);
            sumLanes(sums, b - a, out, outOffset + a);
        }
    }

    /**
     * Rows [from, to), a group of blocks at a time, each row's vector of sums into
     * sums[(r - from) * FL..]. Each of a group's four runs is one vector of shorts; its nibbles
     * times the input form ({@link #fillInput}) add up in shorts to each lane's 16 products, at
     * most 16 * 15 * 127 = 30480, so they cannot overflow. A lane pair read as an int is summed
     * into the block's integer sum, exactly the reference's, and the -8 offset (-8 times the input
     * block's sum) is added. The sums, converted, take one fma with both scales: the weights'
     * halves become floats with a shift and a mask, their exponent's bias made good by the input
     * scale's factor 2^112 (the mask keeps every half, even a stray one, a finite float).
     *
     * <p>A short last group is read in whole vectors like the others, past its end: those lanes'
     * input form and input scales are zero, so they add nothing, and the copy is padded so the
     * last row's reads stay inside it. Masked loads there cost more than the rest of the group.
     * It is done apart ({@link #tailGroup}): inside the loop over whole groups its shorter runs
     * made the addresses vary in step, and rows of 896 values (one whole group and one of 12
     * blocks) ran at half the speed per byte of rows of 1024. Where equal groups fit, there is no
     * short group at all ({@link #span}): rows of 896 values run as two groups of 14.
     *
     * <p>Two accumulators take turns so that one group's fma need not wait for the previous one's.
     * Everything is written out in this one method: a helper returning a vector, compiled on its
     * own before this loop, may not be inlined into it, and then every vector it returns is
     * allocated.
     */
    private void dots(Activation x, int from, int to, float[] sums) {
        Activation.Int8 a = x.q8_0();
        short[] c = a.nibbleCoefficients;
        int[] offset = a.nibbleOffset;
        float[] xs = a.nibbleScale;
        int full = blocks / span;
        int tail = blocks - full * span;
        for (int r = from; r < to; r++) {
            long base = r * rowBytes;
            FloatVector acc = FloatVector.zero(F);
            FloatVector other = acc;
            for (int g = 0; g < full; g++) {
                long w = base + (long) g * span * BLOCK_BYTES;
                int ci = g * INPUT_PER_GROUP;
                ShortVector sum = ShortVector.zero(S);
                for (int k = 0; k < 4; k++) {
                    ShortVector v = ShortVector.fromMemorySegment(S, data, w + 4L * span * k, LE);
                    int ck = ci + 4 * SL * k;
                    sum = sum.add(v.mul(ShortVector.fromArray(S, c, ck))
                            .add(v.lanewise(VectorOperators.LSHR, 4).mul(ShortVector.fromArray(S, c, ck + SL)))
                            .add(v.lanewise(VectorOperators.LSHR, 8).mul(ShortVector.fromArray(S, c, ck + 2 * SL))
                                    .add(v.lanewise(VectorOperators.LSHR, 12).mul(ShortVector.fromArray(S, c, ck + 3 * SL)))));
                }
                IntVector p = sum.reinterpretAsInts();
                IntVector isum = p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .add(p.lanewise(VectorOperators.ASHR, 16)).add(IntVector.fromArray(I, offset, g * GROUP));
                IntVector d = (IntVector) ShortVector.fromMemorySegment(S_FOR_F, data, w + 16L * span, LE)
                        .convertShape(VectorOperators.S2I, I, 0);
                FloatVector scale = d.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats()
                        .mul(FloatVector.fromArray(F, xs, g * GROUP));
                FloatVector next = ((FloatVector) isum.convert(VectorOperators.I2F, 0)).fma(scale, acc);
                acc = other;
                other = next;
            }
            acc.add(other).intoArray(sums, (r - from) * FL);
            if (tail > 0) {
                tailGroup(c, offset, xs, base + (long) full * span * BLOCK_BYTES, full, tail, sums, (r - from) * FL);
            }
        }
    }

    /**
     * Adds a row's short last group of {@code n} blocks, group {@code g}, to its vector of sums at
     * sums[at..]: the loop body of {@link #dots} for one group, read at the shorter stride. A
     * method of its own: written out in {@link #dots} too, it made that method so large that, in
     * some process starts, the JIT left some of its vector operations out of line.
     */
    private void tailGroup(short[] c, int[] offset, float[] xs, long w, int g, int n, float[] sums, int at) {
        int ci = g * INPUT_PER_GROUP;
        ShortVector sum = ShortVector.zero(S);
        for (int k = 0; k < 4; k++) {
            ShortVector v = ShortVector.fromMemorySegment(S, data, w + 4L * n * k, LE);
            int ck = ci + 4 * SL * k;
            sum = sum.add(v.mul(ShortVector.fromArray(S, c, ck))
                    .add(v.lanewise(VectorOperators.LSHR, 4).mul(ShortVector.fromArray(S, c, ck + SL)))
                    .add(v.lanewise(VectorOperators.LSHR, 8).mul(ShortVector.fromArray(S, c, ck + 2 * SL))
                            .add(v.lanewise(VectorOperators.LSHR, 12).mul(ShortVector.fromArray(S, c, ck + 3 * SL)))));
        }
        IntVector p = sum.reinterpretAsInts();
        IntVector isum = p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                .add(p.lanewise(VectorOperators.ASHR, 16)).add(IntVector.fromArray(I, offset, g * GROUP));
        IntVector d = (IntVector) ShortVector.fromMemorySegment(S_FOR_F, data, w + 16L * n, LE)
                .convertShape(VectorOperators.S2I, I, 0);
        FloatVector scale = d.lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats()
                .mul(FloatVector.fromArray(F, xs, g * GROUP));
        ((FloatVector) isum.convert(VectorOperators.I2F, 0)).fma(scale, FloatVector.fromArray(F, sums, at)).intoArray(sums, at);
    }

    /** Per thread: the rows' vector sums, from {@link #dots} to {@link #sumLanes}. */
    private static final ThreadLocal<float[]> ROW_SUMS = ThreadLocal.withInitial(() -> new float[ROWS_PER_PASS * FL]);

    /**
     * out[at + i] = the lanes of vector i of sums added up, for i < n. Apart from {@link #dots}:
     * added up within its loop, the sums tipped the JIT's node budget there, and then every row's
     * vector was allocated, or the loop compiled into slower code in some process starts.
     */
    private static void sumLanes(float[] sums, int n, float[] out, int at) {
        for (int i = 0; i < n; i++) {
            out[at + i] = Lanes.sum(FloatVector.fromArray(F, sums, i * FL));
        }
    }

    /** Blocks in group g. */
    private int groupSize(int g) {
        return Math.min(span, blocks - g * span);
    }

    /** Where byte j (0..15) of block b's nibbles in row r is. */
    private long nibbleByte(int r, int b, int j) {
        int g = b / span;
        return r * rowBytes + (long) g * span * BLOCK_BYTES + 4L * ((j / 4) * groupSize(g) + b % span) + j % 4;
    }

    /** Block b's scale in row r. */
    private float scale(int r, int b) {
        int g = b / span;
        return half(r * rowBytes + (long) g * span * BLOCK_BYTES + 16L * groupSize(g) + 2L * (b % span));
    }

    /** Value by value: the integer sum of (q - 8) * x per block, times both scales. */
    @Override
    public float dotReference(int row, Activation x) {
        Activation.Int8 a = x.q8_0();
        float sum = 0;
        for (int b = 0; b < blocks; b++) {
            int isum = 0;
            for (int j = 0; j < 16; j++) {
                int q = u8(nibbleByte(row, b, j));
                isum += ((q & 0x0F) - 8) * a.q[b * 32 + j] + ((q >>> 4) - 8) * a.q[b * 32 + 16 + j];
            }
            sum += isum * (scale(row, b) * a.scale[b]);
        }
        return sum;
    }

    /** Per thread: a row in the copy's order, and the same row in the file's. */
    private static final ThreadLocal<byte[][]> ROW_BUFFERS = ThreadLocal.withInitial(() -> new byte[2][0]);

    /**
     * Puts the row's blocks back in the file's order, a few scalar moves per block in arrays (as
     * in {@link #regroup}), then widens the nibbles a vector at a time.
     */
    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        byte[][] buffers = ROW_BUFFERS.get();
        if (buffers[0].length < rowBytes) {
            buffers[0] = new byte[(int) rowBytes];
            buffers[1] = new byte[(int) rowBytes];
        }
        byte[] grouped = buffers[0];
        byte[] file = buffers[1];
        MemorySegment.copy(data, ValueLayout.JAVA_BYTE, row * rowBytes, grouped, 0, (int) rowBytes);
        for (int g = 0; g < groups; g++) {
            int n = groupSize(g);
            int w = g * span * BLOCK_BYTES;
            for (int i = 0; i < n; i++) {
                int to = (g * span + i) * BLOCK_BYTES;
                SHORTS.set(file, to, (short) SHORTS.get(grouped, w + 16 * n + 2 * i));
                for (int k = 0; k < 4; k++) {
                    INTS.set(file, to + 2 + 4 * k, (int) INTS.get(grouped, w + 4 * (k * n + i)));
                }
            }
        }
        for (int b = 0; b < blocks; b++) {
            int off = b * BLOCK_BYTES;
            FloatVector scale = FloatVector.broadcast(F, Float.float16ToFloat((short) SHORTS.get(file, off)));
            int o = offset + b * 32;
            for (int c = 0; c < 16; c += S16L) {
                ByteVector q = ByteVector.fromArray(B_FOR_S16, file, off + 2 + c);
                ByteVector lo = q.and((byte) 0x0F).sub((byte) 8);
                ByteVector hi = q.lanewise(VectorOperators.LSHR, 4).sub((byte) 8);
                for (int part = 0; part < S16_PARTS; part++) {
                    ((FloatVector) lo.convertShape(VectorOperators.B2F, F, part)).mul(scale).intoArray(out, o + c + part * FL);
                    ((FloatVector) hi.convertShape(VectorOperators.B2F, F, part)).mul(scale).intoArray(out, o + 16 + c + part * FL);
                }
            }
        }
    }

    @Override
    public void dequantizeRowReference(int row, float[] out, int offset) {
        for (int b = 0; b < blocks; b++) {
            float d = scale(row, b);
            for (int j = 0; j < 16; j++) {
                int q = data.get(ValueLayout.JAVA_BYTE, nibbleByte(row, b, j)) & 0xFF;
                out[offset + b * 32 + j] = d * ((q & 0x0F) - 8);
                out[offset + b * 32 + 16 + j] = d * ((q >>> 4) - 8);
            }
        }
    }
}
