package dev.edge4j.onnx.ops;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Activation;
import dev.edge4j.kernels.Epilogue;
import java.util.Map;

/**
 * The engine's own operators, made by graph passes from several ONNX nodes (a convolution with
 * its bias, residual and activation; a LayerNorm or Gelu written out in primitives). They live in
 * the domain {@value #DOMAIN}, which no ONNX file imports, and never appear in a model's inputs.
 *
 * <p>Fused activations are named by their ONNX operator in the attribute {@code activation}, with
 * the operator's attributes as {@code alpha} and {@code beta}.
 */
public final class Fused {
    public static final String DOMAIN = "dev.edge4j";

    private static final Map<String, Activation> BY_NAME = Map.of("Relu", Activation.RELU,
            "LeakyRelu", Activation.LEAKY_RELU, "PRelu", Activation.PRELU, "Clip", Activation.CLIP,
            "Sigmoid", Activation.SIGMOID, "HardSigmoid", Activation.HARD_SIGMOID, "HardSwish", Activation.HARD_SWISH,
            "Tanh", Activation.TANH, "Gelu", Activation.GELU);

    private Fused() {}

    /** The activation an ONNX operator computes, or null for one that cannot be fused. */
    public static Activation activationOf(String opType) {
        return BY_NAME.get(opType);
    }

    /** The ONNX operator name of an activation, as the {@code activation} attribute holds it. */
    public static String nameOf(Activation a) {
        for (Map.Entry<String, Activation> e : BY_NAME.entrySet()) {
            if (e.getValue() == a) {
                return e.getKey();
            }
        }
        return "";
    }

    /** The activation a fused node applies ({@code NONE} without the attribute). */
    public static Activation activation(OpSpec spec) {
        String name = spec.attrs().getString("activation", "");
        if (name.isEmpty()) {
            return Activation.NONE;
        }
        Activation a = BY_NAME.get(name);
        if (a == null) {
            throw Ops.badModel(spec, "unknown fused activation '" + name + "'");
        }
        return a;
    }

    /** The fused activation's first attribute, with the ONNX operator's default. */
    public static float alpha(OpSpec spec, Activation act) {
        float dflt = switch (act) {
            case LEAKY_RELU -> 0.01f;
            case HARD_SIGMOID -> 0.2f;
            case CLIP -> Float.NEGATIVE_INFINITY;
            default -> 0f;
        };
        return spec.attrs().getFloat("alpha", dflt);
    }

    /** The fused activation's second attribute, with the ONNX operator's default. */
    public static float beta(OpSpec spec, Activation act) {
        float dflt = switch (act) {
            case HARD_SIGMOID -> 0.5f;
            case CLIP -> Float.POSITIVE_INFINITY;
            default -> 0f;
        };
        return spec.attrs().getFloat("beta", dflt);
    }

    /**
     * The epilogue of a fused node: bias, activation with its attributes, PRelu's slope. The slope
     * must hold one value per channel or a single one.
     */
    public static Epilogue epilogue(Activation act, float alpha, float beta, Tensor bias, Tensor slope, int channels) {
        float[] b = null;
        if (bias != null) {
            if (bias.size() != channels) {
                throw new InvalidInputException("bias " + bias.shape() + " must hold " + channels + " values");
            }
            b = bias.floats();
        }
        float[] s = null;
        if (act == Activation.PRELU) {
            if (slope == null || (slope.size() != channels && slope.size() != 1)) {
                throw new InvalidInputException("the fused PRelu slope must hold 1 or " + channels + " values");
            }
            s = slope.floats();
        }
        return new Epilogue(b, act, s, alpha, beta);
    }
}
