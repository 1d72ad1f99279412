package dev.edge4j.onnx.ops.rnn;

import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import java.util.function.DoubleUnaryOperator;

/** The activation functions recurrent layers may name, with their alpha/beta parameters. */
final class Activation {
    private Activation() {}

    /**
     * The functions named by the {@code activations} attribute (or the defaults), consuming
     * {@code activation_alpha} / {@code activation_beta} in order for the functions that take them.
     */
    static DoubleUnaryOperator[] resolve(OpSpec spec, String[] defaults, int directions) {
        String[] names = spec.attrs().getStrings("activations", null);
        if (names == null) {
            names = new String[defaults.length * directions];
            for (int d = 0; d < directions; d++) {
                System.arraycopy(defaults, 0, names, d * defaults.length, defaults.length);
            }
        }
        float[] alphas = spec.attrs().getFloats("activation_alpha", new float[0]);
        float[] betas = spec.attrs().getFloats("activation_beta", new float[0]);
        int ai = 0;
        int bi = 0;
        DoubleUnaryOperator[] out = new DoubleUnaryOperator[names.length];
        for (int i = 0; i < names.length; i++) {
            String n = names[i].toLowerCase(java.util.Locale.ROOT);
            boolean usesAlpha = switch (n) {
                case "affine", "leakyrelu", "thresholdedrelu", "scaledtanh", "hardsigmoid", "elu" -> true;
                default -> false;
            };
            boolean usesBeta = n.equals("affine") || n.equals("scaledtanh") || n.equals("hardsigmoid");
            double alpha = usesAlpha && ai < alphas.length ? alphas[ai++] : defaultAlpha(n);
            double beta = usesBeta && bi < betas.length ? betas[bi++] : defaultBeta(n);
            out[i] = switch (n) {
                case "relu" -> x -> Math.max(0, x);
                case "tanh" -> Math::tanh;
                case "sigmoid" -> x -> 1 / (1 + Math.exp(-x));
                case "affine" -> x -> alpha * x + beta;
                case "leakyrelu" -> x -> x >= 0 ? x : alpha * x;
                case "thresholdedrelu" -> x -> x > alpha ? x : 0;
                case "scaledtanh" -> x -> alpha * Math.tanh(beta * x);
                case "hardsigmoid" -> x -> Math.max(0, Math.min(1, alpha * x + beta));
                case "elu" -> x -> x >= 0 ? x : alpha * (Math.exp(x) - 1);
                case "softsign" -> x -> x / (1 + Math.abs(x));
                case "softplus" -> x -> Math.log1p(Math.exp(x));
                default -> throw Ops.unsupported(spec, "activation '" + names[i] + "'");
            };
        }
        return out;
    }

    private static double defaultAlpha(String n) {
        return switch (n) {
            case "leakyrelu" -> 0.01;
            case "hardsigmoid" -> 0.2;
            default -> 1.0;
        };
    }

    private static double defaultBeta(String n) {
        return n.equals("hardsigmoid") ? 0.5 : n.equals("affine") ? 0 : 1.0;
    }
}
