package dev.edge4j.onnx.passes;

import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Activation;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.ops.Fused;

/**
 * An element-wise activation node seen as an epilogue a kernel can apply: which function, its
 * attributes, and PRelu's slope (a constant with one value per channel, or one in all).
 */
record ActivationNode(Activation act, float alpha, float beta, String slope) {

    /**
     * Reads {@code n} as an activation of the values it reads first, for outputs of rank
     * {@code rank} whose channels lie on axis {@code channelAxis} (negative from the end) and
     * number {@code channels} (or -1 when unknown); null when it is not one a kernel can apply.
     */
    static ActivationNode of(Node n, Graph g, int rank, int channelAxis, int channels) {
        boolean onnx = n.domain().isEmpty();
        if (!onnx && !(n.domain().equals(Fused.DOMAIN) && n.opType().equals("Gelu"))) {
            return null;
        }
        Activation a = Fused.activationOf(n.opType());
        if (a == null || n.outputs().size() != 1) {
            return null;
        }
        return switch (a) {
            case LEAKY_RELU -> new ActivationNode(a, n.attributes().getFloat("alpha", 0.01f), 0, "");
            case HARD_SIGMOID -> new ActivationNode(a, n.attributes().getFloat("alpha", 0.2f),
                    n.attributes().getFloat("beta", 0.5f), "");
            case CLIP -> clip(n, g);
            case PRELU -> {
                Tensor s = Rewrite.constant(g, n.input(1));
                yield s != null && perChannel(s, rank, channelAxis, channels)
                        ? new ActivationNode(a, 0, 0, n.input(1)) : null;
            }
            case GELU -> onnx && !n.attributes().getString("approximate", "none").equals("none") ? null
                    : new ActivationNode(a, 0, 0, "");
            default -> new ActivationNode(a, 0, 0, "");
        };
    }

    private static ActivationNode clip(Node n, Graph g) {
        if (n.opset() < 11) {
            return new ActivationNode(Activation.CLIP, n.attributes().getFloat("min", -Float.MAX_VALUE),
                    n.attributes().getFloat("max", Float.MAX_VALUE), "");
        }
        Float lo = n.hasInput(1) ? Rewrite.scalar(g, n.input(1)) : Float.valueOf(Float.NEGATIVE_INFINITY);
        Float hi = n.hasInput(2) ? Rewrite.scalar(g, n.input(2)) : Float.valueOf(Float.POSITIVE_INFINITY);
        return lo == null || hi == null ? null : new ActivationNode(Activation.CLIP, lo, hi, "");
    }

    /**
     * True when a float slope broadcasts to one value per channel: one value, or {@code channels}
     * values along the channel axis with every other axis 1, no more axes than the output.
     */
    static boolean perChannel(Tensor s, int rank, int channelAxis, int channels) {
        if (!s.dtype().isFloatingPoint() || s.dtype() != dev.edge4j.core.tensor.DType.FLOAT32) {
            return false;
        }
        if (s.size() == 1) {
            return s.rank() <= rank;
        }
        if (channels < 0 || s.size() != channels || s.rank() > rank) {
            return false;
        }
        int axis = channelAxis < 0 ? rank + channelAxis : channelAxis;
        int offset = rank - s.rank();
        for (int d = 0; d < s.rank(); d++) {
            if (d + offset != axis && s.shape().dim(d) != 1) {
                return false;
            }
        }
        return axis >= offset && s.shape().dim(axis - offset) == channels;
    }

    /** The attributes a fused node carries for this activation. */
    dev.edge4j.onnx.ir.Attributes addTo(dev.edge4j.onnx.ir.Attributes attrs) {
        return attrs.with("activation", Fused.nameOf(act)).with("alpha", alpha).with("beta", beta);
    }
}
