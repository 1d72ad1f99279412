package dev.edge4j.onnx.ops.array;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/** ScatterElements (and the old Scatter) and ScatterND: a copy of data with updates written at indices. */
final class ScatterOps {
    private ScatterOps() {}

    /** How an update combines with the value already there. */
    enum Reduction { NONE, ADD, MUL, MAX, MIN }

    static Reduction reduction(OpSpec spec) {
        String r = spec.attrs().getString("reduction", "none");
        return switch (r) {
            case "none" -> Reduction.NONE;
            case "add" -> Reduction.ADD;
            case "mul" -> Reduction.MUL;
            case "max" -> Reduction.MAX;
            case "min" -> Reduction.MIN;
            default -> throw Ops.unsupported(spec, "reduction '" + r + "'");
        };
    }

    static void write(Tensor out, int pos, Tensor updates, int u, Reduction red) {
        if (red == Reduction.NONE || !out.dtype().isNumeric()) {
            System.arraycopy(updates.data(), u, out.data(), pos, 1);
            return;
        }
        DType t = out.dtype();
        if (t.isInteger()) {
            long a = out.getLong(pos);
            long b = updates.getLong(u);
            out.setLong(pos, switch (red) {
                case ADD -> a + b;
                case MUL -> a * b;
                case MAX -> Math.max(a, b);
                case MIN -> Math.min(a, b);
                case NONE -> b;
            });
        } else {
            double a = out.getDouble(pos);
            double b = updates.getDouble(u);
            out.setDouble(pos, switch (red) {
                case ADD -> a + b;
                case MUL -> a * b;
                case MAX -> Math.max(a, b);
                case MIN -> Math.min(a, b);
                case NONE -> b;
            });
        }
    }

    static SimpleOp scatterElements(OpSpec spec) {
        long axis = spec.attrs().getLong("axis", 0);
        Reduction red = reduction(spec);
        return (in, ctx) -> {
            Tensor data = Ops.input(in, 0, "data");
            Tensor indices = Ops.input(in, 1, "indices");
            Tensor updates = Ops.input(in, 2, "updates");
            if (!indices.shape().equals(updates.shape()) || indices.rank() != data.rank()) {
                throw new InvalidInputException("ScatterElements indices " + indices.shape() + " and updates "
                        + updates.shape() + " must match and have the rank of data " + data.shape());
            }
            Ops.requireSameType(data, updates, "ScatterElements");
            int ax = Ops.axis(axis, data.rank());
            int[] map = GatherOps.elementMap(data.shape(), indices.shape(), ax,
                    Ops.longs(indices, "ScatterElements indices"), "ScatterElements");
            Tensor out = data.copy();
            for (int i = 0; i < map.length; i++) {
                write(out, map[i], updates, i, red);
            }
            return out;
        };
    }

    static SimpleOp scatterNd(OpSpec spec) {
        Reduction red = reduction(spec);
        return (in, ctx) -> {
            Tensor data = Ops.input(in, 0, "data");
            Tensor indices = Ops.input(in, 1, "indices");
            Tensor updates = Ops.input(in, 2, "updates");
            Ops.requireSameType(data, updates, "ScatterND");
            long[] idx = Ops.longs(indices, "ScatterND indices");
            int q = indices.rank();
            int k = indices.shape().dim(q - 1);
            int r = data.rank();
            if (k > r) {
                throw new InvalidInputException("ScatterND index tuples of " + k + " exceed data rank " + r);
            }
            int slice = data.shape().sizeBetween(k, r);
            int tuples = indices.shape().sizeBetween(0, q - 1);
            if (updates.size() != tuples * slice) {
                throw new InvalidInputException("ScatterND updates " + updates.shape() + " do not fit indices "
                        + indices.shape() + " and data " + data.shape());
            }
            int[] ds = data.shape().strides();
            Tensor out = data.copy();
            for (int t = 0; t < tuples; t++) {
                int flat = 0;
                for (int j = 0; j < k; j++) {
                    flat += GatherOps.index(idx[t * k + j], data.shape().dim(j), "ScatterND") * ds[j];
                }
                for (int e = 0; e < slice; e++) {
                    write(out, flat + e, updates, t * slice + e, red);
                }
            }
            return out;
        };
    }
}
