package dev.edge4j.onnx.ops.random;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import java.util.SplittableRandom;

/**
 * Random generators: RandomUniform(Like), RandomNormal(Like), Bernoulli, Multinomial. With a
 * seed attribute a node repeats its numbers on every run; without, each run draws anew. The
 * numbers differ from other runtimes' generators (ONNX does not specify one).
 */
final class RandomOps {
    private RandomOps() {}

    private static SplittableRandom rng(OpSpec spec) {
        if (spec.attrs().has("seed")) {
            return new SplittableRandom(Double.doubleToLongBits(spec.attrs().getFloat("seed", 0f)));
        }
        return null;
    }

    private static SplittableRandom source(SplittableRandom seeded) {
        return seeded != null ? seeded.split() : new SplittableRandom();
    }

    /** {@code like} says whether the shape and (default) type come from an input. */
    static SimpleOp uniform(OpSpec spec, boolean like) {
        double low = spec.attrs().getFloat("low", 0f);
        double high = spec.attrs().getFloat("high", 1f);
        return generator(spec, like, r -> low + (high - low) * r.nextDouble());
    }

    static SimpleOp normal(OpSpec spec, boolean like) {
        double mean = spec.attrs().getFloat("mean", 0f);
        double scale = spec.attrs().getFloat("scale", 1f);
        return generator(spec, like, r -> {
            double u1 = 1 - r.nextDouble();
            double u2 = r.nextDouble();
            return mean + scale * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        });
    }

    private interface Draw {
        double next(SplittableRandom r);
    }

    private static SimpleOp generator(OpSpec spec, boolean like, Draw draw) {
        SplittableRandom seeded = rng(spec);
        Integer dtype = spec.attrs().has("dtype") ? spec.attrs().getInt("dtype", 1) : null;
        int[] shape = spec.attrs().getInts("shape", null);
        return (in, ctx) -> {
            Shape s;
            DType t;
            if (like) {
                Tensor x = Ops.input(in, 0, "input");
                s = x.shape();
                t = dtype != null ? DType.fromOnnx(dtype) : x.dtype();
            } else {
                if (shape == null) {
                    throw new InvalidInputException("the random generator needs a shape attribute");
                }
                s = Shape.of(shape);
                t = dtype != null ? DType.fromOnnx(dtype) : DType.FLOAT32;
            }
            SplittableRandom r = source(seeded);
            Tensor out = Tensor.zeros(t, s);
            for (int i = 0; i < out.size(); i++) {
                out.setDouble(i, draw.next(r));
            }
            return out;
        };
    }

    static SimpleOp bernoulli(OpSpec spec) {
        SplittableRandom seeded = rng(spec);
        Integer dtype = spec.attrs().has("dtype") ? spec.attrs().getInt("dtype", 1) : null;
        return (in, ctx) -> {
            Tensor p = Ops.input(in, 0, "input");
            DType t = dtype != null ? DType.fromOnnx(dtype) : p.dtype();
            SplittableRandom r = source(seeded);
            Tensor out = Tensor.zeros(t, p.shape());
            for (int i = 0; i < out.size(); i++) {
                out.setDouble(i, r.nextDouble() < p.getDouble(i) ? 1 : 0);
            }
            return out;
        };
    }

    static SimpleOp multinomial(OpSpec spec) {
        SplittableRandom seeded = rng(spec);
        int samples = spec.attrs().getInt("sample_size", 1);
        DType t = DType.fromOnnx(spec.attrs().getInt("dtype", 6));
        return (in, ctx) -> {
            Tensor logits = Ops.input(in, 0, "input");
            Ops.requireRank(logits, 2, "Multinomial input");
            int batch = logits.shape().dim(0);
            int classes = logits.shape().dim(1);
            SplittableRandom r = source(seeded);
            Tensor out = Tensor.zeros(t, Shape.of(batch, samples));
            double[] cdf = new double[classes];
            for (int b = 0; b < batch; b++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, logits.getDouble(b * classes + c));
                }
                double acc = 0;
                for (int c = 0; c < classes; c++) {
                    acc += Math.exp(logits.getDouble(b * classes + c) - max);
                    cdf[c] = acc;
                }
                for (int s = 0; s < samples; s++) {
                    double u = r.nextDouble() * acc;
                    int c = 0;
                    while (c < classes - 1 && cdf[c] <= u) {
                        c++;
                    }
                    out.setLong(b * samples + s, c);
                }
            }
            return out;
        };
    }
}
