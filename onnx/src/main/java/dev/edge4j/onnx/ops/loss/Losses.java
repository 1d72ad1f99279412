package dev.edge4j.onnx.ops.loss;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.TensorOp;

/**
 * NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (the first applied to log-softmax
 * scores), with class weights, an ignored label, and none / sum / mean reduction.
 */
final class Losses {
    private Losses() {}

    private record Settings(String reduction, Long ignoreIndex) {
        static Settings of(OpSpec spec) {
            String r = spec.attrs().getString("reduction", "mean");
            if (!r.equals("none") && !r.equals("sum") && !r.equals("mean")) {
                throw Ops.unsupported(spec, "reduction '" + r + "'");
            }
            Long ignore = spec.attrs().has("ignore_index") ? spec.attrs().getLong("ignore_index", 0) : null;
            return new Settings(r, ignore);
        }
    }

    static TensorOp nll(OpSpec spec) {
        Settings s = Settings.of(spec);
        return (in, ctx) -> new Tensor[] {loss(Ops.input(in, 0, "input"), Ops.input(in, 1, "target"),
                Ops.optional(in, 2), s)};
    }

    static TensorOp softmaxCrossEntropy(OpSpec spec) {
        Settings s = Settings.of(spec);
        return (in, ctx) -> {
            Tensor scores = Ops.input(in, 0, "scores");
            Tensor logProb = logSoftmax(scores);
            return new Tensor[] {loss(logProb, Ops.input(in, 1, "labels"), Ops.optional(in, 2), s), logProb};
        };
    }

    private static Tensor logSoftmax(Tensor x) {
        Ops.requireMinRank(x, 2, "scores");
        int n = x.shape().dim(0);
        int c = x.shape().dim(1);
        int inner = x.shape().sizeBetween(2, x.rank());
        Tensor out = Tensor.zeros(x.dtype(), x.shape());
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < inner; i++) {
                int base = b * c * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    max = Math.max(max, x.getDouble(base + k * inner));
                }
                double sum = 0;
                for (int k = 0; k < c; k++) {
                    sum += Math.exp(x.getDouble(base + k * inner) - max);
                }
                double log = Math.log(sum);
                for (int k = 0; k < c; k++) {
                    out.setDouble(base + k * inner, x.getDouble(base + k * inner) - max - log);
                }
            }
        }
        return out;
    }

    private static Tensor loss(Tensor input, Tensor target, Tensor weight, Settings s) {
        Ops.requireMinRank(input, 2, "input");
        int n = input.shape().dim(0);
        int c = input.shape().dim(1);
        int inner = input.shape().sizeBetween(2, input.rank());
        if (target.size() != n * inner) {
            throw new InvalidInputException("target " + target.shape() + " does not fit input " + input.shape());
        }
        if (weight != null && weight.size() != c) {
            throw new InvalidInputException("weight must hold " + c + " values, got " + weight.shape());
        }
        double[] losses = new double[n * inner];
        double total = 0;
        double weightSum = 0;
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < inner; i++) {
                int t = b * inner + i;
                long label = target.getLong(t);
                if (s.ignoreIndex() != null && label == s.ignoreIndex()) {
                    continue;
                }
                if (label < 0 || label >= c) {
                    throw new InvalidInputException("target " + label + " is not a class in [0, " + c + ")");
                }
                double w = weight == null ? 1 : weight.getDouble((int) label);
                double l = -input.getDouble((b * c + (int) label) * inner + i) * w;
                losses[t] = l;
                total += l;
                weightSum += w;
            }
        }
        Tensor out;
        switch (s.reduction()) {
            case "none" -> {
                out = Tensor.zeros(input.dtype(), target.shape());
                for (int t = 0; t < losses.length; t++) {
                    out.setDouble(t, losses[t]);
                }
            }
            case "sum" -> {
                out = Tensor.zeros(input.dtype(), Shape.scalar());
                out.setDouble(0, total);
            }
            default -> {
                out = Tensor.zeros(input.dtype(), Shape.scalar());
                out.setDouble(0, weightSum == 0 ? 0 : total / weightSum);
            }
        }
        return out;
    }
}
