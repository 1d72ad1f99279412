package dev.edge4j.llm.tensor;

import static dev.edge4j.llm.tensor.Lanes.F;
import static dev.edge4j.llm.tensor.Lanes.FL;
import static dev.edge4j.llm.tensor.Lanes.S_FOR_F;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The input vector of a matrix-vector product, with the rounded forms weight types multiply in
 * ({@link InputFormat}). Each form is made once per new content ({@link #changed()}) and shared
 * by every matrix that reads this input, before the work is split over threads.
 *
 * <p>The 8-bit forms cut the input into blocks of 32 values held as integers (in shorts, ready
 * to widen) times a per-block scale, with each block's integer sum for formats with an offset.
 * Q8_K keeps one scale per 256 values, repeated for each of its 32-value blocks.
 */
public final class Activation {
    public static final int BLOCK = 32;
    private static final float ROUND = 12582912f; // 1.5 * 2^23: adding and subtracting it rounds to an integer

    /**
     * One 8-bit form: values, per-32 scales and per-32 integer sums, and the scales times 2^-16
     * for kernels whose integer sums come out times 2^16 ({@link Lanes#TWO_TO_MINUS_16}).
     *
     * <p>The Q8_0 form also carries what {@link Q4_0Matrix} multiplies with: its input form per
     * group of blocks ({@link Q4_0Matrix#fillInput}), -8 times each block's sum, and the scales
     * times 2^112.
     */
    static final class Int8 {
        final short[] q;
        final float[] scale;
        final float[] scaleOver65536;
        final int[] sum;
        final short[] nibbleCoefficients;
        final int[] nibbleOffset;
        final float[] nibbleScale;
        boolean valid;

        Int8(int length) {
            int blocks = (length + BLOCK - 1) / BLOCK;
            q = new short[blocks * BLOCK];
            scale = new float[blocks];
            scaleOver65536 = new float[blocks];
            sum = new int[blocks];
            int groups = (blocks + Q4_0Matrix.GROUP - 1) / Q4_0Matrix.GROUP;
            nibbleCoefficients = new short[groups * Q4_0Matrix.INPUT_PER_GROUP];
            nibbleOffset = new int[groups * Q4_0Matrix.GROUP];
            nibbleScale = new float[groups * Q4_0Matrix.GROUP];
        }

        /** Scales times 2^-16 for blocks [from, to). */
        void scaleDown(int from, int to) {
            for (int b = from; b < to; b++) {
                scaleOver65536[b] = scale[b] * Lanes.TWO_TO_MINUS_16;
            }
        }

        /** Fills Q4_0's input form of blocks [from, to) from q, scale and sum. */
        void nibbleForms(int from, int to) {
            Q4_0Matrix.fillInput(q, sum, scale, sum.length, from, to, nibbleCoefficients, nibbleOffset, nibbleScale);
        }
    }

    private final int length;
    private final float[] values;
    private final Int8 q8_0;
    private final Int8 q8_K;
    private final float[] rounded;
    private InputFormat roundedFormat;

    public Activation(int length) {
        this.length = length;
        this.values = new float[length];
        this.q8_0 = new Int8(length);
        this.q8_K = new Int8(length);
        this.rounded = new float[length];
    }

    public int length() {
        return length;
    }

    /** The float values; after writing them, call {@link #changed()}. */
    public float[] values() {
        return values;
    }

    /** Marks the values as new: every rounded form is made again when next needed. */
    public Activation changed() {
        q8_0.valid = false;
        q8_K.valid = false;
        roundedFormat = null;
        return this;
    }

    /** Copies {@code length()} floats from {@code src} at {@code offset} and marks them changed. */
    public Activation set(float[] src, int offset) {
        System.arraycopy(src, offset, values, 0, length);
        return changed();
    }

    /** Makes the form {@code format} if it is not up to date. Call before sharing with threads. */
    public void prepare(InputFormat format) {
        if (!isPrepared(format)) {
            preparePart(format, 0, length);
            prepared(format);
        }
    }

    private boolean isPrepared(InputFormat format) {
        return switch (format) {
            case FLOAT -> true;
            case HALF, BF16 -> roundedFormat == format;
            case Q8_0 -> q8_0.valid;
            case Q8_K -> q8_K.valid;
        };
    }

    /**
     * Values per independent part of form {@code format}: a part of the input can be made apart
     * from the rest ({@link #preparePart}) when it starts and ends on a multiple of this.
     */
    public static int unit(InputFormat format) {
        return switch (format) {
            case FLOAT, HALF, BF16 -> 1;
            case Q8_0 -> BLOCK;
            case Q8_K -> 256;
        };
    }

    /**
     * Makes form {@code format} of values [from, to) only, where both ends are multiples of
     * {@link #unit} (or {@code to} is the length). Threads may make disjoint parts at once, each
     * part right after writing its values; once every part is made, {@link #prepared} marks the
     * form ready for the products that read it.
     */
    public void preparePart(InputFormat format, int from, int to) {
        int unit = unit(format);
        if (from < 0 || from > to || to > length || from % unit != 0 || (to % unit != 0 && to != length)) {
            throw new IllegalArgumentException("values [" + from + ", " + to + ") of " + length
                    + " are not whole parts of form " + format);
        }
        switch (format) {
            case FLOAT -> { }
            case HALF, BF16 -> InputRounding.round(format, values, from, rounded, from, to - from);
            case Q8_0 -> {
                int b0 = from / BLOCK;
                int b1 = (to + BLOCK - 1) / BLOCK;
                if (to % BLOCK == 0) {
                    quantizeQ8_0Blocks(values, 0, b0, b1, q8_0);
                } else {
                    quantizeQ8_0Reference(values, 0, to, b0, q8_0);
                }
                q8_0.scaleDown(b0, b1);
                q8_0.nibbleForms(b0, b1);
            }
            case Q8_K -> quantizeQ8_K(values, 0, from / 256, to / 256, q8_K);
        }
    }

    /** Marks form {@code format} made, once {@link #preparePart} has made every part of it. */
    public void prepared(InputFormat format) {
        switch (format) {
            case FLOAT -> { }
            case HALF, BF16 -> roundedFormat = format;
            case Q8_0 -> q8_0.valid = true;
            case Q8_K -> q8_K.valid = true;
        }
    }

    /** The floats of form FLOAT, HALF or BF16 (prepared). */
    float[] floats(InputFormat format) {
        return format == InputFormat.FLOAT ? values : rounded;
    }

    Int8 q8_0() {
        return q8_0;
    }

    Int8 q8_K() {
        return q8_K;
    }

    /**
     * Q8_0 as llama.cpp makes it for x86: scale = half(max|x| / 127), q = round-half-even(x * 127 / max|x|).
     * Vectorized; {@link #quantizeQ8_0Reference} is the scalar version.
     */
    static void quantizeQ8_0(float[] x, int xo, int n, Int8 out) {
        if (n % BLOCK != 0) {
            quantizeQ8_0Reference(x, xo, n, out);
            return;
        }
        quantizeQ8_0Blocks(x, xo, 0, n / BLOCK, out);
    }

    /** {@link #quantizeQ8_0} of blocks [from, to), block b's values starting at x[xo + 32 * b]. */
    private static void quantizeQ8_0Blocks(float[] x, int xo, int from, int to, Int8 out) {
        for (int b = from; b < to; b++) {
            int start = xo + b * BLOCK;
            FloatVector amaxV = FloatVector.zero(F);
            for (int i = 0; i < BLOCK; i += FL) {
                amaxV = amaxV.max(FloatVector.fromArray(F, x, start + i).abs());
            }
            float amax = amaxV.reduceLanes(VectorOperators.MAX);
            float id = amax != 0 ? 127f / amax : 0f;
            IntVector sumV = IntVector.zero(Lanes.I);
            for (int i = 0; i < BLOCK; i += FL) {
                IntVector r = (IntVector) FloatVector.fromArray(F, x, start + i).mul(id).add(ROUND).sub(ROUND)
                        .convert(VectorOperators.F2I, 0);
                sumV = sumV.add(r);
                ((ShortVector) r.convertShape(VectorOperators.I2S, S_FOR_F, 0)).intoArray(out.q, b * BLOCK + i);
            }
            out.scale[b] = Float.float16ToFloat(Float.floatToFloat16(amax / 127f));
            out.sum[b] = sumV.reduceLanes(VectorOperators.ADD);
        }
    }

    static void quantizeQ8_0Reference(float[] x, int xo, int n, Int8 out) {
        quantizeQ8_0Reference(x, xo, n, 0, out);
    }

    /** The blocks of the first {@code n} values from block {@code from} on; zeros past value n. */
    private static void quantizeQ8_0Reference(float[] x, int xo, int n, int from, Int8 out) {
        for (int b = from; b < (n + BLOCK - 1) / BLOCK; b++) {
            int start = b * BLOCK;
            int end = Math.min(n, start + BLOCK);
            float amax = 0;
            for (int i = start; i < end; i++) {
                amax = Math.max(amax, Math.abs(x[xo + i]));
            }
            float id = amax != 0 ? 127f / amax : 0f;
            int s = 0;
            for (int i = start; i < start + BLOCK; i++) {
                int v = i < end ? (int) ((x[xo + i] * id + ROUND) - ROUND) : 0;
                out.q[i] = (short) v;
                s += v;
            }
            out.scale[b] = Float.float16ToFloat(Float.floatToFloat16(amax / 127f));
            out.sum[b] = s;
        }
    }

    /**
     * Q8_K as llama.cpp makes it: per 256 values, with m the value of largest magnitude,
     * q = min(127, round(x * -127 / m)) and scale m / -127.
     */
    static void quantizeQ8_K(float[] x, int xo, int n, Int8 out) {
        quantizeQ8_K(x, xo, 0, n / 256, out);
    }

    /** {@link #quantizeQ8_K} of super-blocks [from, to). */
    private static void quantizeQ8_K(float[] x, int xo, int from, int to, Int8 out) {
        for (int sb = from; sb < to; sb++) {
            int start = sb * 256;
            float amax = 0;
            float max = 0;
            for (int i = start; i < start + 256; i++) {
                float ax = Math.abs(x[xo + i]);
                if (ax > amax) {
                    amax = ax;
                    max = x[xo + i];
                }
            }
            float d = 0;
            float iscale = 0;
            if (amax != 0) {
                iscale = -127f / max;
                d = 1 / iscale;
            }
            for (int b = start / BLOCK; b < (start + 256) / BLOCK; b++) {
                int s = 0;
                for (int i = b * BLOCK; i < (b + 1) * BLOCK; i++) {
                    int v = amax != 0 ? Math.min(127, nearestInt(iscale * x[xo + i])) : 0;
                    out.q[i] = (short) v;
                    s += v;
                }
                out.scale[b] = d;
                out.sum[b] = s;
            }
        }
    }

    private static int nearestInt(float v) {
        return (Float.floatToRawIntBits(v + ROUND) & 0x007FFFFF) - 0x00400000;
    }
}
