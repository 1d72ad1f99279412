package dev.edge4j.kernels;

/**
 * The activation functions kernels apply to their results before storing them (a fused
 * epilogue), with ONNX's definitions. {@link #apply(float, float, float, float)} is the scalar
 * definition; {@link UnaryF32} holds the vector loops that must match it.
 *
 * <p>Parameters: {@code alpha}/{@code beta} are the node's attributes (LeakyRelu's alpha, Clip's
 * min/max, HardSigmoid's alpha/beta); PRelu's slope is per channel and comes as {@code slope}.
 */
public enum Activation {
    NONE, RELU, LEAKY_RELU, PRELU, CLIP, SIGMOID, HARD_SIGMOID, HARD_SWISH, TANH,
    /** x * Phi(x) with the exact normal distribution function (erf), as ONNX's Gelu default. */
    GELU;

    /** The scalar definition; {@code slope} is PRelu's slope for this element. */
    public float apply(float x, float slope, float alpha, float beta) {
        return switch (this) {
            case NONE -> x;
            case RELU -> x < 0 ? 0f : x;
            case LEAKY_RELU -> x < 0 ? x * alpha : x;
            case PRELU -> x < 0 ? x * slope : x;
            case CLIP -> Math.min(Math.max(x, alpha), beta);
            case SIGMOID -> (float) (1 / (1 + Math.exp(-x)));
            case HARD_SIGMOID -> Math.max(0f, Math.min(1f, alpha * x + beta));
            case HARD_SWISH -> x * Math.max(0f, Math.min(1f, x / 6f + 0.5f));
            case TANH -> (float) Math.tanh(x);
            case GELU -> (float) (0.5 * x * (1 + Erf.reference(x / Math.sqrt(2))));
        };
    }

    /** Without a per-element slope (every function but PRelu). */
    public float apply(float x, float alpha, float beta) {
        return apply(x, 0f, alpha, beta);
    }
}
