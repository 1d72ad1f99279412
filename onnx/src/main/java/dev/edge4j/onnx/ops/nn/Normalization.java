package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import dev.edge4j.onnx.ops.TensorOp;

/** BatchNormalization, InstanceNormalization, LayerNormalization, LRN and MeanVarianceNormalization. */
final class Normalization {
    private Normalization() {}

    /** Inference with running statistics, or (training_mode) batch statistics plus updated running ones. */
    static TensorOp batchNorm(OpSpec spec) {
        double eps = spec.attrs().getFloat("epsilon", 1e-5f);
        double momentum = spec.attrs().getFloat("momentum", 0.9f);
        boolean training = spec.attrs().getLong("training_mode", 0) != 0;
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "X");
            Tensor scale = Ops.input(in, 1, "scale");
            Tensor bias = Ops.input(in, 2, "B");
            Tensor mean = Ops.input(in, 3, "input_mean");
            Tensor var = Ops.input(in, 4, "input_var");
            Ops.requireMinRank(x, 2, "BatchNormalization input");
            int n = x.shape().dim(0);
            int c = x.shape().dim(1);
            int spatial = x.shape().sizeBetween(2, x.rank());
            for (Tensor p : new Tensor[] {scale, bias, mean, var}) {
                if (p.size() != c) {
                    throw new InvalidInputException("BatchNormalization parameters must hold " + c
                            + " values (one per channel), got " + p.shape());
                }
            }
            double[] mu = new double[c];
            double[] sigma2 = new double[c];
            for (int ch = 0; ch < c; ch++) {
                mu[ch] = mean.getDouble(ch);
                sigma2[ch] = var.getDouble(ch);
            }
            Tensor runningMean = null;
            Tensor runningVar = null;
            if (training) {
                double count = (double) n * spatial;
                for (int ch = 0; ch < c; ch++) {
                    double s = 0;
                    double s2 = 0;
                    for (int img = 0; img < n; img++) {
                        int base = (img * c + ch) * spatial;
                        for (int i = 0; i < spatial; i++) {
                            double v = x.getDouble(base + i);
                            s += v;
                            s2 += v * v;
                        }
                    }
                    double m = s / count;
                    mu[ch] = m;
                    sigma2[ch] = s2 / count - m * m;
                }
                runningMean = Tensor.zeros(mean.dtype(), mean.shape());
                runningVar = Tensor.zeros(var.dtype(), var.shape());
                for (int ch = 0; ch < c; ch++) {
                    runningMean.setDouble(ch, mean.getDouble(ch) * momentum + mu[ch] * (1 - momentum));
                    runningVar.setDouble(ch, var.getDouble(ch) * momentum + sigma2[ch] * (1 - momentum));
                }
            }
            Tensor out = ctx.alloc(x.dtype(), x.shape());
            for (int img = 0; img < n; img++) {
                for (int ch = 0; ch < c; ch++) {
                    double k = scale.getDouble(ch) / Math.sqrt(sigma2[ch] + eps);
                    double off = bias.getDouble(ch) - mu[ch] * k;
                    int base = (img * c + ch) * spatial;
                    if (x.dtype() == DType.FLOAT32) {
                        float[] xs = x.floats();
                        float[] os = out.floats();
                        float fk = (float) k;
                        float fo = (float) off;
                        for (int i = 0; i < spatial; i++) {
                            os[base + i] = xs[base + i] * fk + fo;
                        }
                    } else {
                        for (int i = 0; i < spatial; i++) {
                            out.setDouble(base + i, x.getDouble(base + i) * k + off);
                        }
                    }
                }
            }
            return training ? new Tensor[] {out, runningMean, runningVar} : new Tensor[] {out};
        };
    }

    static SimpleOp instanceNorm(OpSpec spec) {
        double eps = spec.attrs().getFloat("epsilon", 1e-5f);
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "input");
            Tensor scale = Ops.input(in, 1, "scale");
            Tensor bias = Ops.input(in, 2, "B");
            Ops.requireMinRank(x, 2, "InstanceNormalization input");
            int n = x.shape().dim(0);
            int c = x.shape().dim(1);
            if (scale.size() != c || bias.size() != c) {
                throw new InvalidInputException("InstanceNormalization scale and B must hold " + c + " values");
            }
            int spatial = x.shape().sizeBetween(2, x.rank());
            Tensor out = Tensor.zeros(x.dtype(), x.shape());
            for (int img = 0; img < n; img++) {
                for (int ch = 0; ch < c; ch++) {
                    int base = (img * c + ch) * spatial;
                    double s = 0;
                    for (int i = 0; i < spatial; i++) {
                        s += x.getDouble(base + i);
                    }
                    double m = s / spatial;
                    double v = 0;
                    for (int i = 0; i < spatial; i++) {
                        double d = x.getDouble(base + i) - m;
                        v += d * d;
                    }
                    double k = scale.getDouble(ch) / Math.sqrt(v / spatial + eps);
                    double b = bias.getDouble(ch);
                    for (int i = 0; i < spatial; i++) {
                        out.setDouble(base + i, (x.getDouble(base + i) - m) * k + b);
                    }
                }
            }
            return out;
        };
    }

    /** Normalizes over the axes from {@code axis} on; outputs Y, and optionally Mean and InvStdDev. */
    static TensorOp layerNorm(OpSpec spec) {
        long axis = spec.attrs().getLong("axis", -1);
        double eps = spec.attrs().getFloat("epsilon", 1e-5f);
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "X");
            Tensor scale = Ops.input(in, 1, "Scale");
            Tensor bias = Ops.optional(in, 2);
            int r = x.rank();
            int ax = Ops.axis(axis, r);
            int outer = x.shape().sizeBetween(0, ax);
            int inner = x.shape().sizeBetween(ax, r);
            int[] innerDims = java.util.Arrays.copyOfRange(x.dims(), ax, r);
            Shape innerShape = Shape.of(innerDims);
            int[] scaleMap = dev.edge4j.onnx.ops.Broadcast.indexMap(scale.shape(), innerShape);
            int[] biasMap = bias == null ? null : dev.edge4j.onnx.ops.Broadcast.indexMap(bias.shape(), innerShape);
            Tensor out = ctx.alloc(x.dtype(), x.shape());
            int[] statDims = x.dims();
            for (int d = ax; d < r; d++) {
                statDims[d] = 1;
            }
            Tensor meanOut = Tensor.zeros(DType.FLOAT32, Shape.of(statDims));
            Tensor invOut = Tensor.zeros(DType.FLOAT32, Shape.of(statDims));
            boolean f32 = x.dtype() == DType.FLOAT32 && scale.dtype() == DType.FLOAT32
                    && (bias == null || bias.dtype() == DType.FLOAT32);
            for (int o = 0; o < outer; o++) {
                int base = o * inner;
                double s = 0;
                for (int i = 0; i < inner; i++) {
                    s += x.getDouble(base + i);
                }
                double m = s / inner;
                double v = 0;
                for (int i = 0; i < inner; i++) {
                    double d = x.getDouble(base + i) - m;
                    v += d * d;
                }
                double inv = 1 / Math.sqrt(v / inner + eps);
                meanOut.setDouble(o, m);
                invOut.setDouble(o, inv);
                if (f32) {
                    float[] xs = x.floats();
                    float[] os = out.floats();
                    float[] sc = scale.floats();
                    float[] bs = bias == null ? null : bias.floats();
                    for (int i = 0; i < inner; i++) {
                        double y = (xs[base + i] - m) * inv * sc[scaleMap[i]] + (bs == null ? 0 : bs[biasMap[i]]);
                        os[base + i] = (float) y;
                    }
                } else {
                    for (int i = 0; i < inner; i++) {
                        double y = (x.getDouble(base + i) - m) * inv * scale.getDouble(scaleMap[i])
                                + (bias == null ? 0 : bias.getDouble(biasMap[i]));
                        out.setDouble(base + i, y);
                    }
                }
            }
            return new Tensor[] {out, meanOut, invOut};
        };
    }

    static SimpleOp lrn(OpSpec spec) {
        double alpha = spec.attrs().getFloat("alpha", 1e-4f);
        double beta = spec.attrs().getFloat("beta", 0.75f);
        double bias = spec.attrs().getFloat("bias", 1f);
        int size = spec.attrs().getInt("size", 0);
        if (size < 1) {
            throw Ops.badModel(spec, "LRN needs a positive size");
        }
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "X");
            Ops.requireMinRank(x, 3, "LRN input");
            int n = x.shape().dim(0);
            int c = x.shape().dim(1);
            int spatial = x.shape().sizeBetween(2, x.rank());
            Tensor out = Tensor.zeros(x.dtype(), x.shape());
            int before = (size - 1) / 2;
            int after = size - 1 - before;
            for (int img = 0; img < n; img++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int i = 0; i < spatial; i++) {
                        double sum = 0;
                        for (int k = Math.max(0, ch - before); k <= Math.min(c - 1, ch + after); k++) {
                            double v = x.getDouble((img * c + k) * spatial + i);
                            sum += v * v;
                        }
                        int p = (img * c + ch) * spatial + i;
                        out.setDouble(p, x.getDouble(p) / Math.pow(bias + alpha / size * sum, beta));
                    }
                }
            }
            return out;
        };
    }

    static SimpleOp meanVarianceNorm(OpSpec spec) {
        long[] axes = spec.attrs().getLongs("axes", new long[] {0, 2, 3});
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "X");
            int r = x.rank();
            boolean[] red = new boolean[r];
            for (long a : axes) {
                red[Ops.axis(a, r)] = true;
            }
            int[] keep = x.dims();
            int count = 1;
            for (int d = 0; d < r; d++) {
                if (red[d]) {
                    count *= keep[d];
                    keep[d] = 1;
                }
            }
            Shape kept = Shape.of(keep);
            int[] target = dev.edge4j.onnx.ops.Broadcast.indexMap(kept, x.shape());
            double[] s = new double[kept.size()];
            double[] s2 = new double[kept.size()];
            for (int i = 0; i < x.size(); i++) {
                double v = x.getDouble(i);
                s[target[i]] += v;
                s2[target[i]] += v * v;
            }
            Tensor out = Tensor.zeros(x.dtype(), x.shape());
            for (int i = 0; i < x.size(); i++) {
                double m = s[target[i]] / count;
                double var = s2[target[i]] / count - m * m;
                out.setDouble(i, (x.getDouble(i) - m) / (Math.sqrt(Math.max(var, 0)) + 1e-9));
            }
            return out;
        };
    }
}
