package dev.edge4j.kernels;

/**
 * What a GEMM or convolution kernel does to its results right after computing them, while they
 * are still in cache: {@code y = act(acc + bias[ch] + z)}, where {@code ch} is the output channel
 * (a row of a convolution's output, a column of a matrix product's), {@code z} an optional tensor
 * of the output's shape added in (a residual connection) and {@code act} an {@link Activation}
 * whose PRelu slope is per channel. Immutable; {@link #NONE} leaves the sums as they are.
 *
 * @param bias per-channel bias, or null
 * @param act the activation
 * @param slope PRelu's per-channel slope (length = channels, or 1 for one shared slope), or null
 * @param alpha the activation's first attribute (LeakyRelu alpha, Clip min, HardSigmoid alpha)
 * @param beta the activation's second attribute (Clip max, HardSigmoid beta)
 */
public record Epilogue(float[] bias, Activation act, float[] slope, float alpha, float beta) {
    public static final Epilogue NONE = new Epilogue(null, Activation.NONE, null, 0, 0);

    public Epilogue {
        if (act == Activation.PRELU && (slope == null || slope.length == 0)) {
            throw new IllegalArgumentException("PRelu needs a slope");
        }
    }

    public static Epilogue bias(float[] bias) {
        return new Epilogue(bias, Activation.NONE, null, 0, 0);
    }

    /** True when the kernel can leave its sums untouched. */
    public boolean isIdentity() {
        return bias == null && act == Activation.NONE;
    }

    /** True when a kernel can apply this with a few vector operations as it stores (no transcendental functions). */
    public boolean isSimple() {
        return switch (act) {
            case NONE, RELU, CLIP, LEAKY_RELU, PRELU -> true;
            default -> false;
        };
    }

    /**
     * For {@link #isSimple} epilogues: the lower bound below which values are scaled (0 for Relu,
     * the slope's 0 threshold) and the factor: Relu scales by 0, LeakyRelu by alpha, PRelu by the
     * channel's slope, none by 1.
     */
    public float lowFactor(int ch) {
        return switch (act) {
            case RELU -> 0f;
            case LEAKY_RELU -> alpha;
            case PRELU -> slopeOf(ch);
            default -> 1f;
        };
    }

    public float biasOf(int ch) {
        return bias == null ? 0f : bias[ch];
    }

    public float slopeOf(int ch) {
        return slope == null ? 0f : slope.length == 1 ? slope[0] : slope[ch];
    }

    /** The scalar definition for one element of channel {@code ch}; {@code z} is 0 without a residual. */
    public float apply(float acc, int ch, float z) {
        return act.apply(acc + biasOf(ch) + z, slopeOf(ch), alpha, beta);
    }

    /**
     * In place on {@code n} values of one channel (a run of a convolution's output row), with the
     * residual run at {@code z[zOff]} when z is not null.
     */
    public void applyRow(float[] y, int off, int n, int ch, float[] z, int zOff) {
        float b = biasOf(ch);
        if (z != null) {
            UnaryF32.addScalarAndRun(y, off, b, z, zOff, y, off, n);
        } else if (b != 0f) {
            UnaryF32.addScalar(y, off, b, y, off, n);
        }
        if (act != Activation.NONE) {
            UnaryF32.apply(act, y, off, y, off, n, slopeOf(ch), alpha, beta);
        }
    }

    /**
     * In place on {@code pixels} vectors of one channel block of a blocked tensor ({@link Blocked}),
     * from {@code off}: per-lane bias and slope come from block {@code block} of the (block-padded)
     * arrays; the residual run is at {@code z[zOff]} when z is not null.
     */
    public void applyBlocked(float[] y, int off, int pixels, int block, float[] z, int zOff) {
        int b = Blocked.B;
        int bo = block * b;
        // One pass for the simple activations: add, then the activation, then store.
        switch (act) {
            case NONE -> BlockedLoops.addBias(y, off, pixels, bias, bo, z, zOff);
            case RELU -> BlockedLoops.scaleNegative(y, off, pixels, bias, bo, z, zOff, null, 0, 0f);
            case LEAKY_RELU -> BlockedLoops.scaleNegative(y, off, pixels, bias, bo, z, zOff, null, 0, alpha);
            case PRELU -> BlockedLoops.scaleNegative(y, off, pixels, bias, bo, z, zOff,
                    slope.length == 1 ? null : slope, bo, slope.length == 1 ? slope[0] : 0f);
            case CLIP -> BlockedLoops.clip(y, off, pixels, bias, bo, z, zOff, alpha, beta);
            default -> {
                if (bias != null || z != null) {
                    BlockedLoops.addBias(y, off, pixels, bias, bo, z, zOff);
                }
                UnaryF32.apply(act, y, off, y, off, pixels * b, 0f, alpha, beta);
            }
        }
    }

    /**
     * In place on {@code n} values across channels {@code ch0 .. ch0 + n} (a run of a row of a
     * matrix product's output), with the residual run at {@code z[zOff]} when z is not null.
     */
    public void applyColumns(float[] y, int off, int n, int ch0, float[] z, int zOff) {
        if (bias != null || z != null) {
            UnaryF32.addRuns(y, off, bias, ch0, z, zOff, y, off, n);
        }
        if (act == Activation.PRELU && slope.length > 1) {
            UnaryF32.prelu(y, off, slope, ch0, y, off, n);
        } else if (act != Activation.NONE) {
            UnaryF32.apply(act, y, off, y, off, n, slopeOf(0), alpha, beta);
        }
    }
}
