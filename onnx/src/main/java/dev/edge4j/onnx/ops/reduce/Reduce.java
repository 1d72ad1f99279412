package dev.edge4j.onnx.ops.reduce;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.Broadcast;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * The Reduce* family: folds the chosen axes (all when none are given, or none with
 * noop_with_empty_axes), keeping them as size 1 when keepdims is set. Axes come from an attribute
 * up to opset 17 (ReduceSum: 12) and from an input after.
 */
public final class Reduce implements SimpleOp {
    /** What the fold computes. */
    public enum Kind { SUM, MEAN, MAX, MIN, PROD, L1, L2, LOG_SUM, LOG_SUM_EXP, SUM_SQUARE }

    private final Kind kind;
    private final boolean keepDims;
    private final boolean noopWithEmptyAxes;
    private final long[] attrAxes;
    private final boolean axesAsInput;

    public Reduce(OpSpec spec, Kind kind) {
        this.kind = kind;
        this.keepDims = spec.attrs().getLong("keepdims", 1) != 0;
        this.noopWithEmptyAxes = spec.attrs().getLong("noop_with_empty_axes", 0) != 0;
        int inputSince = kind == Kind.SUM ? 13 : 18;
        this.axesAsInput = spec.opset() >= inputSince;
        this.attrAxes = axesAsInput ? null : spec.attrs().getLongs("axes", null);
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "data");
        long[] axes = axesAsInput ? (Ops.optional(in, 1) == null ? null : Ops.longs(in[1], "axes")) : attrAxes;
        int r = x.rank();
        boolean[] reduced = new boolean[r];
        if (axes == null || axes.length == 0) {
            if (noopWithEmptyAxes) {
                return x;
            }
            java.util.Arrays.fill(reduced, true);
        } else {
            for (long a : axes) {
                reduced[Ops.axis(a, r)] = true;
            }
        }
        return reduce(x, reduced, keepDims, kind);
    }

    static Tensor reduce(Tensor x, boolean[] reduced, boolean keepDims, Kind kind) {
        Ops.requireNumeric(x, "Reduce input");
        int r = x.rank();
        int[] keep = x.dims();
        int count = 1;
        for (int d = 0; d < r; d++) {
            if (reduced[d]) {
                count *= keep[d];
                keep[d] = 1;
            }
        }
        Shape kept = Shape.of(keep);
        int m = kept.size();
        int[] target = Broadcast.indexMap(kept, x.shape());
        DType t = x.dtype();
        boolean integer = t.isInteger() || t == DType.BOOL;
        Tensor out = Tensor.zeros(t, kept);
        int n = x.size();
        if (integer && (kind == Kind.SUM || kind == Kind.PROD || kind == Kind.MAX || kind == Kind.MIN
                || kind == Kind.SUM_SQUARE || kind == Kind.L1)) {
            long[] acc = new long[m];
            java.util.Arrays.fill(acc, kind == Kind.PROD ? 1 : kind == Kind.MAX ? Long.MIN_VALUE
                    : kind == Kind.MIN ? Long.MAX_VALUE : 0);
            for (int i = 0; i < n; i++) {
                long v = x.getLong(i);
                int o = target[i];
                acc[o] = switch (kind) {
                    case SUM -> acc[o] + v;
                    case PROD -> acc[o] * v;
                    case MAX -> Math.max(acc[o], v);
                    case MIN -> Math.min(acc[o], v);
                    case SUM_SQUARE -> acc[o] + v * v;
                    default -> acc[o] + Math.abs(v);
                };
            }
            for (int o = 0; o < m; o++) {
                out.setLong(o, acc[o]);
            }
        } else {
            double[] acc = new double[m];
            double init = switch (kind) {
                case PROD -> 1;
                case MAX -> Double.NEGATIVE_INFINITY;
                case MIN -> Double.POSITIVE_INFINITY;
                default -> 0;
            };
            java.util.Arrays.fill(acc, init);
            double[] shift = null;
            if (kind == Kind.LOG_SUM_EXP) {
                shift = new double[m];
                java.util.Arrays.fill(shift, Double.NEGATIVE_INFINITY);
                for (int i = 0; i < n; i++) {
                    shift[target[i]] = Math.max(shift[target[i]], x.getDouble(i));
                }
                for (int o = 0; o < m; o++) {
                    if (Double.isInfinite(shift[o])) {
                        shift[o] = 0;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                double v = x.getDouble(i);
                int o = target[i];
                acc[o] = switch (kind) {
                    case SUM, MEAN, LOG_SUM -> acc[o] + v;
                    case PROD -> acc[o] * v;
                    case MAX -> Double.isNaN(v) || Double.isNaN(acc[o]) ? Double.NaN : Math.max(acc[o], v);
                    case MIN -> Double.isNaN(v) || Double.isNaN(acc[o]) ? Double.NaN : Math.min(acc[o], v);
                    case L1 -> acc[o] + Math.abs(v);
                    case L2, SUM_SQUARE -> acc[o] + v * v;
                    case LOG_SUM_EXP -> acc[o] + Math.exp(v - shift[o]);
                };
            }
            for (int o = 0; o < m; o++) {
                double v = switch (kind) {
                    case MEAN -> acc[o] / count;
                    case L2 -> Math.sqrt(acc[o]);
                    case LOG_SUM -> Math.log(acc[o]);
                    case LOG_SUM_EXP -> Math.log(acc[o]) + shift[o];
                    default -> acc[o];
                };
                if (integer) {
                    out.setLong(o, (long) v);
                } else {
                    out.setDouble(o, v);
                }
            }
        }
        if (keepDims) {
            return out;
        }
        int[] dims = new int[r];
        int k = 0;
        for (int d = 0; d < r; d++) {
            if (!reduced[d]) {
                dims[k++] = x.shape().dim(d);
            }
        }
        return out.reshape(java.util.Arrays.copyOf(dims, k));
    }

    static void checkNotEmpty(Tensor x, int axis, String op) {
        if (x.shape().dim(axis) == 0) {
            throw new InvalidInputException(op + " over an empty axis");
        }
    }
}
