package dev.edge4j.onnx.analyse;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.Dim;
import dev.edge4j.onnx.ValueType.TensorType;
import dev.edge4j.onnx.ir.Attributes;
import dev.edge4j.onnx.ir.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The output types of the common operators, from their input types and constant inputs. An
 * operator without a rule here gets unknown output types (which is always safe).
 */
final class ShapeRules {
    /** Computes output types; entries (or the whole list) may be null for unknown. */
    @FunctionalInterface
    interface Rule {
        List<TensorType> apply(Node n, List<TensorType> in, List<Tensor> values);
    }

    private static final Map<String, Rule> RULES = new HashMap<>();

    private static final Set<String> SAME = Set.of("Abs", "Neg", "Sign", "Reciprocal", "Sqrt", "Exp", "Log", "Floor",
            "Ceil", "Round", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Tanh", "Asinh", "Acosh",
            "Atanh", "Erf", "Relu", "Sigmoid", "LeakyRelu", "Elu", "Selu", "Celu", "HardSigmoid", "HardSwish",
            "Softplus", "Softsign", "Mish", "ThresholdedRelu", "Shrink", "Gelu", "Softmax", "LogSoftmax", "Hardmax",
            "Identity", "Clip", "LRN", "InstanceNormalization", "MeanVarianceNormalization", "CumSum", "Not",
            "BitwiseNot", "Trilu", "ReverseSequence");
    private static final Set<String> BROADCAST = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Mod", "PRelu", "BitShift",
            "BitwiseAnd", "BitwiseOr", "BitwiseXor", "Sum", "Mean", "Max", "Min");
    private static final Set<String> PREDICATE = Set.of("Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual",
            "And", "Or", "Xor");
    private static final Set<String> REDUCE = Set.of("ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd",
            "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare");

    static {
        for (String op : SAME) {
            RULES.put(op, (n, in, v) -> one(in.get(0)));
        }
        for (String op : BROADCAST) {
            RULES.put(op, (n, in, v) -> {
                List<Dim> dims = in.get(0) == null ? null : in.get(0).dims();
                for (int i = 1; i < in.size(); i++) {
                    dims = in.get(i) == null ? null : Dims.broadcast(dims, in.get(i).dims());
                }
                return one(new TensorType(dtype(in.get(0)), dims));
            });
        }
        for (String op : PREDICATE) {
            RULES.put(op, (n, in, v) -> one(new TensorType(DType.BOOL,
                    in.get(0) == null || in.get(1) == null ? null : Dims.broadcast(in.get(0).dims(), in.get(1).dims()))));
        }
        for (String op : REDUCE) {
            RULES.put(op, ShapeRules::reduce);
        }
        RULES.put("IsNaN", (n, in, v) -> one(new TensorType(DType.BOOL, dims(in.get(0)))));
        RULES.put("IsInf", (n, in, v) -> one(new TensorType(DType.BOOL, dims(in.get(0)))));
        RULES.put("Where", (n, in, v) -> {
            if (in.get(0) == null || in.get(1) == null || in.get(2) == null) {
                return one(new TensorType(dtype(in.get(1)), null));
            }
            return one(new TensorType(dtype(in.get(1)),
                    Dims.broadcast(Dims.broadcast(in.get(0).dims(), in.get(1).dims()), in.get(2).dims())));
        });
        RULES.put("Cast", (n, in, v) -> one(new TensorType(DType.fromOnnx(n.attributes().getInt("to", 1)), dims(in.get(0)))));
        RULES.put("CastLike", (n, in, v) -> one(new TensorType(dtype(in.get(1)), dims(in.get(0)))));
        RULES.put("Shape", ShapeRules::shape);
        RULES.put("Size", (n, in, v) -> one(new TensorType(DType.INT64, List.of())));
        RULES.put("Dropout", (n, in, v) -> List.of(in.get(0), new TensorType(DType.BOOL, dims(in.get(0)))));
        RULES.put("BatchNormalization", (n, in, v) -> one(in.get(0)));
        RULES.put("LayerNormalization", (n, in, v) -> one(in.get(0)));
        RULES.put("Reshape", ShapeRules::reshape);
        RULES.put("Flatten", ShapeRules::flatten);
        RULES.put("Transpose", ShapeRules::transpose);
        RULES.put("Unsqueeze", ShapeRules::unsqueeze);
        RULES.put("Squeeze", ShapeRules::squeeze);
        RULES.put("Concat", ShapeRules::concat);
        RULES.put("MatMul", (n, in, v) -> matMul(in, dtype(in.get(0))));
        RULES.put("MatMulInteger", (n, in, v) -> matMul(in, DType.INT32));
        RULES.put("Gemm", ShapeRules::gemm);
        RULES.put("Conv", ShapeRules::conv);
        RULES.put("MaxPool", ShapeRules::conv);
        RULES.put("AveragePool", ShapeRules::conv);
        RULES.put("GlobalAveragePool", ShapeRules::globalPool);
        RULES.put("GlobalMaxPool", ShapeRules::globalPool);
        RULES.put("Gather", ShapeRules::gather);
        RULES.put("ArgMax", ShapeRules::argReduce);
        RULES.put("ArgMin", ShapeRules::argReduce);
        RULES.put("QuantizeLinear", (n, in, v) -> one(new TensorType(
                in.size() > 2 && in.get(2) != null ? in.get(2).dtype() : DType.UINT8, dims(in.get(0)))));
        RULES.put("DequantizeLinear", (n, in, v) -> one(new TensorType(dtype(in.get(1)), dims(in.get(0)))));
        RULES.put("DynamicQuantizeLinear", (n, in, v) -> List.of(new TensorType(DType.UINT8, dims(in.get(0))),
                new TensorType(DType.FLOAT32, List.of()), new TensorType(DType.UINT8, List.of())));
        RULES.put("ConstantOfShape", ShapeRules::constantOfShape);
        RULES.put("Expand", (n, in, v) -> {
            long[] shape = ints(v, 1);
            return one(new TensorType(dtype(in.get(0)),
                    shape == null || in.get(0) == null ? null : Dims.broadcast(in.get(0).dims(), Dims.of(shape))));
        });
    }

    private ShapeRules() {}

    static List<TensorType> apply(Node n, List<TensorType> in, List<Tensor> values) {
        if (n.domain().equals(dev.edge4j.onnx.ops.Fused.DOMAIN) && !in.isEmpty()) {
            return switch (n.opType()) {
                case "FusedConv" -> conv(n, in, values);
                case "FusedMatMul" -> matMul(in, dtype(in.get(0)));
                case "Gelu", "LayerNorm" -> one(in.get(0));
                case "QuantMatMul" -> quantMatMul(in, values);
                case "ScaledSoftmax" -> RULES.get("Add").apply(n, in, values);
                default -> null;
            };
        }
        if (!n.domain().isEmpty()) {
            return null;
        }
        if (n.opType().equals("Constant")) {
            Tensor value = n.attributes().getTensor("value");
            return value == null ? null : one(ShapeInference.typeOf(value));
        }
        if (in.isEmpty()) {
            return null;
        }
        Rule r = RULES.get(n.opType());
        return r == null ? null : r.apply(n, in, values);
    }

    /** X [..., K] by constant weights [K, N]: [..., N] in float. */
    private static List<TensorType> quantMatMul(List<TensorType> in, List<Tensor> values) {
        TensorType x = in.get(0);
        Tensor w = values.size() > 3 ? values.get(3) : null;
        if (x == null || !x.hasRank() || x.rank() < 1 || w == null || w.rank() != 2) {
            return null;
        }
        List<Dim> dims = new ArrayList<>(x.dims());
        dims.set(dims.size() - 1, Dim.of(w.shape().dim(1)));
        return one(new TensorType(DType.FLOAT32, dims));
    }

    private static List<TensorType> one(TensorType t) {
        List<TensorType> l = new ArrayList<>();
        l.add(t);
        return l;
    }

    private static DType dtype(TensorType t) {
        return t == null ? null : t.dtype();
    }

    private static List<Dim> dims(TensorType t) {
        return t == null ? null : t.dims();
    }

    /** The values of constant input i as longs, or null. */
    private static long[] ints(List<Tensor> values, int i) {
        if (i >= values.size() || values.get(i) == null || !values.get(i).dtype().isInteger()) {
            return null;
        }
        return values.get(i).toLongArray();
    }

    private static List<TensorType> shape(Node n, List<TensorType> in, List<Tensor> v) {
        TensorType t = in.get(0);
        if (t == null || !t.hasRank()) {
            return one(new TensorType(DType.INT64, Dims.unknown(1)));
        }
        int r = t.rank();
        long start = n.attributes().getLong("start", 0);
        long end = n.attributes().getLong("end", r);
        int s = (int) Math.max(0, Math.min(r, start < 0 ? start + r : start));
        int e = (int) Math.max(0, Math.min(r, end < 0 ? end + r : end));
        return one(new TensorType(DType.INT64, Dims.of(Math.max(0, e - s))));
    }

    private static List<TensorType> reduce(Node n, List<TensorType> in, List<Tensor> v) {
        TensorType t = in.get(0);
        if (t == null || !t.hasRank()) {
            return one(new TensorType(dtype(t), null));
        }
        boolean keep = n.attributes().getLong("keepdims", 1) != 0;
        boolean axesAsInput = n.opset() >= (n.opType().equals("ReduceSum") ? 13 : 18);
        long[] axes = axesAsInput ? ints(v, 1) : n.attributes().getLongs("axes", null);
        if (axesAsInput && axes == null && n.hasInput(1)) {
            return one(new TensorType(t.dtype(), keep ? Dims.unknown(t.rank()) : null));
        }
        boolean noop = n.attributes().getLong("noop_with_empty_axes", 0) != 0;
        if ((axes == null || axes.length == 0) && noop) {
            return one(t);
        }
        boolean[] red = new boolean[t.rank()];
        if (axes == null || axes.length == 0) {
            java.util.Arrays.fill(red, true);
        } else {
            for (long a : axes) {
                int ax = Dims.axis(a, t.rank());
                if (ax < 0) {
                    return null;
                }
                red[ax] = true;
            }
        }
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < t.rank(); i++) {
            if (!red[i]) {
                out.add(t.dims().get(i));
            } else if (keep) {
                out.add(Dim.of(1));
            }
        }
        return one(new TensorType(t.dtype(), out));
    }

    private static List<TensorType> argReduce(Node n, List<TensorType> in, List<Tensor> v) {
        TensorType t = in.get(0);
        if (t == null || !t.hasRank()) {
            return one(new TensorType(DType.INT64, null));
        }
        int ax = Dims.axis(n.attributes().getLong("axis", 0), t.rank());
        boolean keep = n.attributes().getLong("keepdims", 1) != 0;
        List<Dim> out = new ArrayList<>(t.dims());
        if (ax < 0) {
            return null;
        }
        if (keep) {
            out.set(ax, Dim.of(1));
        } else {
            out.remove(ax);
        }
        return one(new TensorType(DType.INT64, out));
    }

    private static List<TensorType> reshape(Node n, List<TensorType> in, List<Tensor> v) {
        TensorType t = in.get(0);
        long[] target = n.opset() < 5 ? n.attributes().getLongs("shape", null) : ints(v, 1);
        if (target == null) {
            TensorType s = in.size() > 1 ? in.get(1) : null;
            int rank = s != null && s.hasRank() && s.rank() == 1 && s.dims().get(0).isKnown() ? (int) s.dims().get(0).value() : -1;
            return one(new TensorType(dtype(t), rank >= 0 ? Dims.unknown(rank) : null));
        }
        boolean allowZero = n.attributes().getLong("allowzero", 0) != 0;
        List<Dim> out = new ArrayList<>();
        int infer = -1;
        for (int i = 0; i < target.length; i++) {
            long d = target[i];
            if (d == 0 && !allowZero) {
                out.add(t != null && t.hasRank() && i < t.rank() ? t.dims().get(i) : Dim.unknown());
            } else if (d == -1) {
                infer = i;
                out.add(Dim.unknown());
            } else {
                out.add(Dim.of(d));
            }
        }
        if (infer >= 0 && t != null && t.isStatic()) {
            long total = Dims.product(t.dims(), 0, t.rank()).value();
            long known = 1;
            for (int i = 0; i < out.size(); i++) {
                if (i != infer) {
                    if (!out.get(i).isKnown()) {
                        return one(new TensorType(t.dtype(), out));
                    }
                    known *= out.get(i).value();
                }
            }
            if (known > 0 && total % known == 0) {
                out.set(infer, Dim.of(total / known));
            }
        }
        return one(new TensorType(dtype(t), out));
    }

    private static List<TensorType> flatten(Node n, List<TensorType> in, List<Tensor> v) {
        TensorType t = in.get(0);
        if (t == null || !t.hasRank()) {
            return one(new TensorType(dtype(t), Dims.unknown(2)));
        }
        long axis = n.attributes().getLong("axis", 1);
        int a = (int) (axis < 0 ? axis + t.rank() : axis);
        if (a < 0 || a > t.rank()) {
            return null;
        }
        return one(new TensorType(t.dtype(), List.of(Dims.product(t.dims(), 0, a), Dims.product(t.dims(), a, t.rank()))));
    }

    private static List<TensorType> transpose(Node n, List<TensorType> in, List<Tensor> v) {
        TensorType t = in.get(0);
        if (t == null || !t.hasRank()) {
            return one(new TensorType(dtype(t), null));
        }
        long[] perm = n.attributes().getLongs("perm", null);
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < t.rank(); i++) {
            int p = perm == null ? t.rank() - 1 - i : (int) perm[i];
            if (p < 0 || p >= t.rank()) {
                return null;
            }
            out.add(t.dims().get(p));
        }
        return one(new TensorType(t.dtype(), out));
    }

    private static List<TensorType> unsqueeze(Node n, List<TensorType> in, List<Tensor> v) {
        TensorType t = in.get(0);
        long[] axes = n.opset() < 13 ? n.attributes().getLongs("axes", null) : ints(v, 1);
        if (t == null || !t.hasRank() || axes == null) {
            return one(new TensorType(dtype(t), null));
        }
        int r = t.rank() + axes.length;
        boolean[] added = new boolean[r];
        for (long a : axes) {
            int ax = Dims.axis(a, r);
            if (ax < 0) {
                return null;
            }
            added[ax] = true;
        }
        List<Dim> out = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < r; i++) {
            out.add(added[i] ? Dim.of(1) : t.dims().get(k++));
        }
        return one(new TensorType(t.dtype(), out));
    }

    private static List<TensorType> squeeze(Node n, List<TensorType> in, List<Tensor> v) {
        TensorType t = in.get(0);
        long[] axes = n.opset() < 13 ? n.attributes().getLongs("axes", null) : ints(v, 1);
        if (t == null || !t.hasRank()) {
            return one(new TensorType(dtype(t), null));
        }
        List<Dim> out = new ArrayList<>();
        if (axes == null) {
            if (in.size() > 1 && in.get(1) != null) {
                return one(new TensorType(t.dtype(), null));
            }
            for (Dim d : t.dims()) {
                if (!d.isKnown()) {
                    return one(new TensorType(t.dtype(), null));
                }
                if (d.value() != 1) {
                    out.add(d);
                }
            }
            return one(new TensorType(t.dtype(), out));
        }
        boolean[] drop = new boolean[t.rank()];
        for (long a : axes) {
            int ax = Dims.axis(a, t.rank());
            if (ax < 0) {
                return null;
            }
            drop[ax] = true;
        }
        for (int i = 0; i < t.rank(); i++) {
            if (!drop[i]) {
                out.add(t.dims().get(i));
            }
        }
        return one(new TensorType(t.dtype(), out));
    }

    private static List<TensorType> concat(Node n, List<TensorType> in, List<Tensor> v) {
        TensorType first = in.get(0);
        if (first == null || !first.hasRank()) {
            return one(new TensorType(dtype(first), null));
        }
        int ax = Dims.axis(n.attributes().getLong("axis", 0), first.rank());
        if (ax < 0) {
            return null;
        }
        List<Dim> out = new ArrayList<>(first.dims());
        long total = 0;
        for (TensorType t : in) {
            if (t == null || !t.hasRank() || t.rank() != first.rank() || !t.dims().get(ax).isKnown()) {
                total = -1;
                break;
            }
            total += t.dims().get(ax).value();
        }
        out.set(ax, total >= 0 ? Dim.of(total) : Dim.unknown());
        return one(new TensorType(first.dtype(), out));
    }

    private static List<TensorType> matMul(List<TensorType> in, DType dtype) {
        TensorType a = in.get(0);
        TensorType b = in.get(1);
        if (a == null || b == null || !a.hasRank() || !b.hasRank() || a.rank() == 0 || b.rank() == 0) {
            return one(new TensorType(dtype, null));
        }
        List<Dim> ad = a.rank() == 1 ? List.of(Dim.of(1), a.dims().get(0)) : a.dims();
        List<Dim> bd = b.rank() == 1 ? List.of(b.dims().get(0), Dim.of(1)) : b.dims();
        List<Dim> batch = Dims.broadcast(ad.subList(0, ad.size() - 2), bd.subList(0, bd.size() - 2));
        List<Dim> out = new ArrayList<>(batch);
        if (a.rank() != 1) {
            out.add(ad.get(ad.size() - 2));
        }
        if (b.rank() != 1) {
            out.add(bd.get(bd.size() - 1));
        }
        return one(new TensorType(dtype, out));
    }

    private static List<TensorType> gemm(Node n, List<TensorType> in, List<Tensor> v) {
        TensorType a = in.get(0);
        TensorType b = in.get(1);
        if (a == null || b == null || a.rank() != 2 || b.rank() != 2) {
            return one(new TensorType(dtype(a), Dims.unknown(2)));
        }
        boolean ta = n.attributes().getLong("transA", 0) != 0;
        boolean tb = n.attributes().getLong("transB", 0) != 0;
        return one(new TensorType(a.dtype(), List.of(a.dims().get(ta ? 1 : 0), b.dims().get(tb ? 0 : 1))));
    }

    /** Conv and the windowed pools: [N, C or M, spatial...], spatial sizes by the window arithmetic. */
    private static List<TensorType> conv(Node n, List<TensorType> in, List<Tensor> v) {
        TensorType x = in.get(0);
        if (x == null || !x.hasRank() || x.rank() < 3) {
            return null;
        }
        boolean isConv = n.opType().equals("Conv") || n.opType().equals("FusedConv");
        TensorType w = isConv && in.size() > 1 ? in.get(1) : null;
        int s = x.rank() - 2;
        Attributes a = n.attributes();
        long[] kernel = a.getLongs("kernel_shape", null);
        if (kernel == null && w != null && w.isStatic() && w.rank() == x.rank()) {
            kernel = new long[s];
            for (int i = 0; i < s; i++) {
                kernel[i] = w.dims().get(i + 2).value();
            }
        }
        List<Dim> out = new ArrayList<>();
        out.add(x.dims().get(0));
        out.add(isConv ? (w != null && w.hasRank() ? w.dims().get(0) : Dim.unknown()) : x.dims().get(1));
        long[] strides = a.getLongs("strides", null);
        long[] dil = a.getLongs("dilations", null);
        long[] pads = a.getLongs("pads", null);
        String autoPad = a.getString("auto_pad", "NOTSET");
        boolean ceil = a.getLong("ceil_mode", 0) != 0;
        for (int i = 0; i < s; i++) {
            Dim d = x.dims().get(i + 2);
            if (!d.isKnown() || kernel == null) {
                out.add(Dim.unknown());
                continue;
            }
            long in2 = d.value();
            long st = strides == null ? 1 : strides[i];
            long span = (kernel[i] - 1) * (dil == null ? 1 : dil[i]) + 1;
            long o;
            switch (autoPad) {
                case "SAME_UPPER", "SAME_LOWER" -> o = (in2 + st - 1) / st;
                case "VALID" -> o = (in2 - span) / st + 1;
                default -> {
                    long p = pads == null ? 0 : pads[i] + pads[i + s];
                    long padded = in2 + p - span;
                    if (ceil) {
                        o = (padded + st - 1) / st + 1;
                        if ((o - 1) * st >= in2 + (pads == null ? 0 : pads[i])) {
                            o--;
                        }
                    } else {
                        o = padded / st + 1;
                    }
                }
            }
            out.add(o > 0 ? Dim.of(o) : Dim.unknown());
        }
        List<TensorType> r = one(new TensorType(x.dtype(), out));
        if (n.opType().equals("MaxPool")) {
            r.add(new TensorType(DType.INT64, out));
        }
        return r;
    }

    private static List<TensorType> globalPool(Node n, List<TensorType> in, List<Tensor> v) {
        TensorType x = in.get(0);
        if (x == null || !x.hasRank() || x.rank() < 2) {
            return null;
        }
        List<Dim> out = new ArrayList<>(x.dims().subList(0, 2));
        for (int i = 2; i < x.rank(); i++) {
            out.add(Dim.of(1));
        }
        return one(new TensorType(x.dtype(), out));
    }

    private static List<TensorType> gather(Node n, List<TensorType> in, List<Tensor> v) {
        TensorType data = in.get(0);
        TensorType idx = in.get(1);
        if (data == null || idx == null || !data.hasRank() || !idx.hasRank()) {
            return one(new TensorType(dtype(data), null));
        }
        int ax = Dims.axis(n.attributes().getLong("axis", 0), data.rank());
        if (ax < 0) {
            return null;
        }
        List<Dim> out = new ArrayList<>(data.dims().subList(0, ax));
        out.addAll(idx.dims());
        out.addAll(data.dims().subList(ax + 1, data.rank()));
        return one(new TensorType(data.dtype(), out));
    }

    private static List<TensorType> constantOfShape(Node n, List<TensorType> in, List<Tensor> v) {
        Tensor value = n.attributes().getTensor("value");
        DType t = value == null ? DType.FLOAT32 : value.dtype();
        long[] shape = ints(v, 0);
        if (shape != null) {
            return one(new TensorType(t, Dims.of(shape)));
        }
        TensorType s = in.get(0);
        int rank = s != null && s.hasRank() && s.rank() == 1 && s.dims().get(0).isKnown() ? (int) s.dims().get(0).value() : -1;
        return one(new TensorType(t, rank >= 0 ? Dims.unknown(rank) : null));
    }
}
