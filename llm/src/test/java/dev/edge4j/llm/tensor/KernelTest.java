package dev.edge4j.llm.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.core.Parallel;
import dev.edge4j.gguf.GgmlType;
import dev.edge4j.llm.quant.Quantizer;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every weight type's vector kernels against their scalar references, and both against the plain
 * float arithmetic they stand for, on fresh random data of awkward sizes.
 */
@Tag("kernel")
class KernelTest {
    private static final int[] BLOCKS = {1, 3, 7, 13, 37};
    private static final int[] ROWS = {1, 5, 37};

    enum Type {
        F32(GgmlType.F32, 1e-6),
        F16(GgmlType.F16, 1e-3),
        BF16(GgmlType.BF16, 8e-3),
        Q8_0(GgmlType.Q8_0, 1e-2),
        Q4_0(GgmlType.Q4_0, 0.15),
        Q4_1(GgmlType.Q4_1, 0.12),
        Q5_0(GgmlType.Q5_0, 0.08),
        Q5_1(GgmlType.Q5_1, 0.06),
        Q4_K(GgmlType.Q4_K, 0.12),
        Q5_K(GgmlType.Q5_K, 0.06),
        Q6_K(GgmlType.Q6_K, 0.03);

        final GgmlType ggml;
        /** Largest relative RMS error of dequantized weights. */
        final double rms;

        Type(GgmlType ggml, double rms) {
            this.ggml = ggml;
            this.rms = rms;
        }

        int blockSize() {
            // Float types take any row length: use an odd one.
            return ggml.blockSize() == 1 ? 37 : ggml.blockSize();
        }
    }

    static float[] gaussian(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    static WeightMatrix matrix(GgmlType type, float[] w, int rows, int cols) {
        MemorySegment data = Quantizer.quantize(type, w);
        return WeightMatrix.of("test", type, rows, cols, data);
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void dequantizedRowsMatchTheReferenceAndTheOriginalWeights(Type type) {
        Random random = new Random(type.ordinal() * 7919L + 1);
        for (int blocks : BLOCKS) {
            for (int rows : ROWS) {
                int cols = blocks * type.blockSize();
                float[] w = gaussian(random, rows * cols);
                WeightMatrix m = matrix(type.ggml, w, rows, cols);
                float[] fast = new float[cols];
                float[] ref = new float[cols];
                double err = 0;
                double sig = 0;
                for (int r = 0; r < rows; r++) {
                    m.dequantizeRow(r, fast, 0);
                    m.dequantizeRowReference(r, ref, 0);
                    for (int i = 0; i < cols; i++) {
                        assertThat(fast[i]).as("%s row %d col %d of %dx%d", type, r, i, rows, cols)
                                .isCloseTo(ref[i], org.assertj.core.api.Assertions.within(1e-6f * (1 + Math.abs(ref[i]))));
                        double e = ref[i] - w[r * cols + i];
                        err += e * e;
                        sig += (double) w[r * cols + i] * w[r * cols + i];
                    }
                }
                assertThat(Math.sqrt(err / sig)).as("%s relative RMS error, %dx%d", type, rows, cols).isLessThan(type.rms);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void dotProductsMatchTheReferenceAndFloatArithmetic(Type type) {
        Random random = new Random(type.ordinal() * 104729L + 3);
        for (int blocks : BLOCKS) {
            for (int rows : ROWS) {
                int cols = blocks * type.blockSize();
                WeightMatrix m = matrix(type.ggml, gaussian(random, rows * cols), rows, cols);
                Activation x = new Activation(cols);
                System.arraycopy(gaussian(random, cols), 0, x.values(), 0, cols);
                x.changed();
                x.prepare(m.inputFormat());
                float[] row = new float[cols];
                for (int r = 0; r < rows; r++) {
                    float fast = m.dot(r, x);
                    float ref = m.dotReference(r, x);
                    m.dequantizeRowReference(r, row, 0);
                    double exact = 0;
                    double magnitude = 0;
                    for (int i = 0; i < cols; i++) {
                        exact += (double) row[i] * x.values()[i];
                        magnitude += Math.abs((double) row[i] * x.values()[i]);
                    }
                    assertThat((double) fast).as("%s fast vs reference, row %d of %dx%d", type, r, rows, cols)
                            .isCloseTo(ref, org.assertj.core.api.Assertions.within(1e-5 * magnitude + 1e-6));
                    // Rounding the input costs at most ~1% of the terms' magnitude (8 bits).
                    double inputError = switch (m.inputFormat()) {
                        case FLOAT -> 1e-5;
                        case HALF -> 1e-3;
                        case BF16 -> 8e-3;
                        case Q8_0, Q8_K -> 0.01;
                    };
                    assertThat((double) fast).as("%s fast vs float arithmetic, row %d of %dx%d", type, r, rows, cols)
                            .isCloseTo(exact, org.assertj.core.api.Assertions.within(inputError * magnitude + 1e-6));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void parallelAndBatchedProductsMatchSingleDots(Type type) {
        Random random = new Random(type.ordinal() + 99);
        int cols = 3 * type.blockSize();
        int rows = 67;
        WeightMatrix m = matrix(type.ggml, gaussian(random, rows * cols), rows, cols);
        // 7 tokens fill part of one block of the batched product; 37 span two or more at every vector width.
        for (int tokens : new int[] {7, 37}) {
            float[] xs = gaussian(random, tokens * cols);
            float[] batched = new float[tokens * rows];
            try (Parallel pool = Parallel.of(3)) {
                MatMul.matmul(pool, m, xs, tokens, batched);
                float[] row = new float[cols];
                for (int t = 0; t < tokens; t++) {
                    Activation x = new Activation(cols).set(xs, t * cols);
                    float[] out = new float[rows];
                    MatMul.matvec(pool, m, x, out);
                    for (int r = 0; r < rows; r++) {
                        assertThat(out[r]).as("%s parallel row %d", type, r).isEqualTo(m.dot(r, x));
                        m.dequantizeRowReference(r, row, 0);
                        double magnitude = 0;
                        for (int i = 0; i < cols; i++) {
                            magnitude += Math.abs((double) row[i] * xs[t * cols + i]);
                        }
                        // The batched path rounds its inputs as the single-token kernels do: same result.
                        assertThat((double) batched[t * rows + r]).as("%s batched token %d row %d", type, t, r)
                                .isCloseTo(out[r], org.assertj.core.api.Assertions.within(1e-5 * magnitude + 1e-6));
                    }
                }
            }
        }
    }

    @Test
    void matricesSharingAnInputMultiplyAsEachAlone() {
        Random random = new Random(17);
        int cols = 2 * 256;
        int tokens = 37;
        // Three input formats (8-bit blocks of 32 and of 256, half precision), two matrices sharing one,
        // and row counts that leave a partial panel or make one of a single row.
        GgmlType[] types = {GgmlType.Q4_0, GgmlType.F16, GgmlType.Q6_K, GgmlType.Q8_0};
        int[] rowCounts = {13, 1, 29, 7};
        WeightMatrix[] ws = new WeightMatrix[types.length];
        float[][] together = new float[types.length][];
        for (int m = 0; m < types.length; m++) {
            ws[m] = matrix(types[m], gaussian(random, rowCounts[m] * cols), rowCounts[m], cols);
            together[m] = new float[tokens * rowCounts[m]];
        }
        float[] xs = gaussian(random, tokens * cols);
        try (Parallel pool = Parallel.of(3)) {
            MatMul.matmul(pool, xs, tokens, ws, together);
            for (int m = 0; m < types.length; m++) {
                float[] alone = new float[tokens * rowCounts[m]];
                MatMul.matmul(pool, ws[m], xs, tokens, alone);
                assertThat(together[m]).as("%s together with the others", types[m]).containsExactly(alone);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, names = {"Q8_0", "Q4_0", "Q6_K"})
    void aMatrixLargerThanTheCachesIsMultipliedWhole(Type type) {
        Random random = new Random(5);
        int cols = 4 * 256;
        int rows = 4099;
        WeightMatrix m = matrix(type.ggml, gaussian(random, rows * cols), rows, cols);
        Activation x = new Activation(cols).set(gaussian(random, cols), 0);
        float[] out = new float[rows];
        try (Parallel pool = Parallel.of(2)) {
            MatMul.matvec(pool, x, new WeightMatrix[] {m}, new float[][] {out});
        }
        for (int r = 0; r < rows; r += 97) {
            assertThat(out[r]).isCloseTo(m.dotReference(r, x), org.assertj.core.api.Assertions.within(1e-3f * (1 + Math.abs(out[r]))));
        }
        assertThat(out[rows - 1]).isCloseTo(m.dotReference(rows - 1, x), org.assertj.core.api.Assertions.within(1e-3f * (1 + Math.abs(out[rows - 1]))));
    }

    /**
     * The fused feed-forward product (gate, up, SwiGLU and the next input's form, split over
     * tasks) leaves the same values and the same form as the steps done one after another, for
     * every form, lengths that end inside a part, one task and several, and an output reused.
     */
    @ParameterizedTest
    @EnumSource(InputFormat.class)
    void theGatedProductMakesTheNextInputAsTheStepsOneByOne(InputFormat format) {
        Random random = new Random(format.ordinal() + 41);
        int cols = 64;
        int[] lengths = format == InputFormat.Q8_K ? new int[] {256, 768} : new int[] {37, 32 * 37, 1000};
        for (int n : lengths) {
            WeightMatrix gate = matrix(GgmlType.Q4_0, gaussian(random, n * cols), n, cols);
            WeightMatrix up = matrix(GgmlType.Q8_0, gaussian(random, n * cols), n, cols);
            for (int threads : new int[] {1, 3}) {
                Activation fused = new Activation(n);
                try (Parallel pool = Parallel.of(threads)) {
                    for (int round = 0; round < 2; round++) {
                        Activation x = new Activation(cols).set(gaussian(random, cols), 0);
                        MatMul.matvecSwiglu(pool, x, gate, up, new float[n], new float[n], fused, format);
                        float[] g = new float[n];
                        float[] u = new float[n];
                        MatMul.matvec(pool, x, new WeightMatrix[] {gate, up}, new float[][] {g, u});
                        VectorOps.swiglu(g, u, 0, n);
                        Activation stepwise = new Activation(n).set(g, 0);
                        stepwise.prepare(format);
                        fused.prepare(format);
                        String what = format + ", " + n + " values, " + threads + " threads, round " + round;
                        assertThat(fused.values()).as(what).containsExactly(stepwise.values());
                        switch (format) {
                            case FLOAT -> { }
                            case HALF, BF16 -> assertThat(fused.floats(format)).as(what)
                                    .containsExactly(stepwise.floats(format));
                            case Q8_0 -> assertSameForm(fused.q8_0(), stepwise.q8_0(), what);
                            case Q8_K -> assertSameForm(fused.q8_K(), stepwise.q8_K(), what);
                        }
                    }
                }
            }
        }
    }

    private static void assertSameForm(Activation.Int8 a, Activation.Int8 b, String what) {
        assertThat(a.q).as(what).containsExactly(b.q);
        assertThat(a.scale).as(what).containsExactly(b.scale);
        assertThat(a.scaleOver65536).as(what).containsExactly(b.scaleOver65536);
        assertThat(a.sum).as(what).containsExactly(b.sum);
        assertThat(a.nibbleCoefficients).as(what).containsExactly(b.nibbleCoefficients);
        assertThat(a.nibbleOffset).as(what).containsExactly(b.nibbleOffset);
        assertThat(a.nibbleScale).as(what).containsExactly(b.nibbleScale);
    }

    @Test
    void aPartOfAnInputFormMustBeWholeBlocks() {
        Activation x = new Activation(100);
        assertThatThrownBy(() -> x.preparePart(InputFormat.Q8_0, 16, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[16, 64)").hasMessageContaining("Q8_0");
        assertThatThrownBy(() -> x.preparePart(InputFormat.Q8_0, 0, 40)).isInstanceOf(IllegalArgumentException.class);
        x.preparePart(InputFormat.Q8_0, 64, 100);
    }

    @org.junit.jupiter.api.Test
    void theInputIsQuantizedTheSameWayByVectorAndScalarCode() {
        Random random = new Random(11);
        for (int blocks : new int[] {1, 2, 5, 31}) {
            int n = blocks * 32;
            float[] v = gaussian(random, n);
            v[3] = 0;
            Activation.Int8 fast = new Activation.Int8(n);
            Activation.Int8 ref = new Activation.Int8(n);
            Activation.quantizeQ8_0(v, 0, n, fast);
            Activation.quantizeQ8_0Reference(v, 0, n, ref);
            assertThat(fast.q).containsExactly(ref.q);
            assertThat(fast.scale).containsExactly(ref.scale);
            assertThat(fast.sum).containsExactly(ref.sum);
            for (int i = 0; i < n; i++) {
                float d = fast.scale[i / 32];
                assertThat(Math.abs(fast.q[i])).isLessThanOrEqualTo((short) 127);
                // The scale is rounded to half precision, so values land within a step of d.
                assertThat(fast.q[i] * d).isCloseTo(v[i], org.assertj.core.api.Assertions.within(d * 1.01f));
            }
        }
        Activation.Int8 zero = new Activation.Int8(32);
        Activation.quantizeQ8_0(new float[32], 0, 32, zero);
        assertThat(zero.scale[0]).isZero();
        assertThat(zero.q).containsOnly((short) 0);
    }

    @org.junit.jupiter.api.Test
    void superBlockInputsShareOneScalePer256Values() {
        Random random = new Random(12);
        int n = 3 * 256;
        float[] v = gaussian(random, n);
        Activation.Int8 k = new Activation.Int8(n);
        Activation.quantizeQ8_K(v, 0, n, k);
        for (int sb = 0; sb < 3; sb++) {
            float d = k.scale[sb * 8];
            int extreme = 0;
            for (int b = sb * 8; b < sb * 8 + 8; b++) {
                assertThat(k.scale[b]).isEqualTo(d);
                int sum = 0;
                for (int i = b * 32; i < b * 32 + 32; i++) {
                    sum += k.q[i];
                    extreme = Math.max(extreme, Math.abs(k.q[i]));
                    assertThat(k.q[i] * d).isCloseTo(v[i], org.assertj.core.api.Assertions.within(Math.abs(d) * 0.5001f));
                }
                assertThat(k.sum[b]).isEqualTo(sum);
            }
            assertThat(extreme).isEqualTo(127);
        }
    }

    /**
     * The largest products the 8-bit kernels can meet: Q8_0 weights of -128 and 127 and Q4_0
     * nibbles of 0 and 15 against inputs of +-127, in blocks where every product has the same
     * sign, so the sums the kernels keep in shorts and ints are as large as they get.
     */
    @ParameterizedTest
    @EnumSource(value = Type.class, names = {"Q8_0", "Q4_0"})
    void extremeWeightsAndInputsDoNotOverflow(Type type) {
        for (int blocks : new int[] {5, 37}) {
            extremeWeightsAndInputsDoNotOverflow(type, blocks);
        }
    }

    private void extremeWeightsAndInputsDoNotOverflow(Type type, int blocks) {
        int cols = blocks * 32;
        int blockBytes = type == Type.Q8_0 ? Q8_0Matrix.BLOCK_BYTES : Q4_0Matrix.BLOCK_BYTES;
        int rows = 4;
        MemorySegment data = MemorySegment.ofArray(new byte[rows * blocks * blockBytes]);
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < blocks; b++) {
                long off = (long) (r * blocks + b) * blockBytes;
                data.set(Lanes.SHORT_LE, off, Float.floatToFloat16(r + 1f));
                for (int j = 2; j < blockBytes; j++) {
                    // Rows 0 and 2 hold the most negative weights, rows 1 and 3 the most positive.
                    byte v = type == Type.Q8_0 ? (byte) (r % 2 == 0 ? -128 : 127) : (byte) (r % 2 == 0 ? 0x00 : 0xFF);
                    data.set(java.lang.foreign.ValueLayout.JAVA_BYTE, off + j, v);
                }
            }
        }
        WeightMatrix m = WeightMatrix.of("extreme", type.ggml, rows, cols, data);
        for (float sign : new float[] {1, -1}) {
            Activation x = new Activation(cols);
            java.util.Arrays.fill(x.values(), sign);
            x.changed();
            x.prepare(m.inputFormat());
            float[] out = new float[rows];
            m.matvec(x, out, 0, 0, rows);
            for (int r = 0; r < rows; r++) {
                int w = type == Type.Q8_0 ? (r % 2 == 0 ? -128 : 127) : (r % 2 == 0 ? -8 : 7);
                double expected = (double) cols * w * sign * 127 * (r + 1) * x.q8_0().scale[0];
                assertThat((double) out[r]).as("%s row %d input %s", type, r, sign).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-4 * Math.abs(expected)));
                assertThat(out[r]).isEqualTo(m.dot(r, x)).isCloseTo(m.dotReference(r, x), org.assertj.core.api.Assertions.within(1e-4f * Math.abs(out[r])));
            }
        }
    }

    /** Q4_0's kernels read scales converted when the matrix is made; one that is not a number is a corrupt file. */
    @Test
    void q4_0ScaleThatIsNotFiniteIsAFormatError() {
        int blocks = 3;
        MemorySegment data = MemorySegment.ofArray(new byte[2 * blocks * Q4_0Matrix.BLOCK_BYTES]);
        data.set(Lanes.SHORT_LE, 4L * Q4_0Matrix.BLOCK_BYTES, Float.floatToFloat16(Float.POSITIVE_INFINITY));
        assertThatThrownBy(() -> WeightMatrix.of("blk.0.ffn_up.weight", GgmlType.Q4_0, 2, blocks * 32, data))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("blk.0.ffn_up.weight")
                .hasMessageContaining("block 1 of row 1");
    }
}
