package dev.edge4j.onnx.ops.math;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.BinaryF32;
import dev.edge4j.kernels.UnaryF32;
import dev.edge4j.onnx.ops.Fused;
import dev.edge4j.onnx.ops.OpFamily;
import dev.edge4j.onnx.ops.OpRegistry;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/** Element-wise math: arithmetic, comparisons, logic, unary functions, activations, casts. */
public final class MathFamily implements OpFamily {
    @Override
    public void register(OpRegistry reg) {
        binary(reg);
        unary(reg);
        activations(reg);
        reg.insert("Cast", spec -> {
            DType to = DType.fromOnnx(spec.attrs().getInt("to", 0));
            boolean saturate = spec.attrs().getLong("saturate", 1) != 0;
            return (SimpleOp) (in, ctx) -> Cast.convert(Ops.input(in, 0, "input"), to, saturate);
        });
        reg.insert("CastLike", spec -> {
            boolean saturate = spec.attrs().getLong("saturate", 1) != 0;
            return (SimpleOp) (in, ctx) -> Cast.convert(Ops.input(in, 0, "input"),
                    Ops.input(in, 1, "target_type").dtype(), saturate);
        });
        reg.insert("Clip", Clip::new);
        reg.insert(Fused.DOMAIN, "Gelu", spec -> Unary.floats("Gelu",
                x -> 0.5 * x * (1 + SpecialFunctions.erf(x / Math.sqrt(2)))).withKernel(UnaryF32::gelu));
        reg.insert("Where", spec -> new Where());
    }

    private static void binary(OpRegistry reg) {
        Binary add = new Binary("Add", BinaryF32.ADD, BinaryFn.of((x, y) -> x + y, (x, y, t) -> x + y));
        Binary sub = new Binary("Sub", BinaryF32.SUB, BinaryFn.of((x, y) -> x - y, (x, y, t) -> x - y));
        Binary mul = new Binary("Mul", BinaryF32.MUL, BinaryFn.of((x, y) -> x * y, (x, y, t) -> x * y));
        Binary div = new Binary("Div", BinaryF32.DIV, BinaryFn.of((x, y) -> x / y, MathFamily::divide));
        Binary max = new Binary("Max", BinaryF32.MAX, BinaryFn.of(MathFamily::max,
                (x, y, t) -> t == DType.UINT64 ? (Long.compareUnsigned(x, y) >= 0 ? x : y) : Math.max(x, y)));
        Binary min = new Binary("Min", BinaryF32.MIN, BinaryFn.of(MathFamily::min,
                (x, y, t) -> t == DType.UINT64 ? (Long.compareUnsigned(x, y) <= 0 ? x : y) : Math.min(x, y)));
        reg.insert("Add", spec -> legacyBroadcast(spec, add));
        reg.insert("Sub", spec -> legacyBroadcast(spec, sub));
        reg.insert("Mul", spec -> legacyBroadcast(spec, mul));
        reg.insert("Div", spec -> legacyBroadcast(spec, div));
        reg.insert("Sum", spec -> new Variadic("Sum", add, false));
        reg.insert("Mean", spec -> new Variadic("Mean", add, true));
        reg.insert("Max", spec -> new Variadic("Max", max, false));
        reg.insert("Min", spec -> new Variadic("Min", min, false));
        reg.insert("Pow", spec -> new Pow());
        reg.insert("Mod", spec -> {
            boolean fmod = spec.attrs().getLong("fmod", 0) != 0;
            return new Binary("Mod", null, BinaryFn.of(
                    fmod ? (x, y) -> x % y : MathFamily::floorMod,
                    (x, y, t) -> {
                        if (y == 0) {
                            throw new InvalidInputException("Mod by zero");
                        }
                        if (t == DType.UINT64) {
                            return Long.remainderUnsigned(x, y);
                        }
                        return fmod ? x % y : Math.floorMod(x, y);
                    }));
        });
        reg.insert("BitShift", spec -> {
            boolean left = spec.attrs().getString("direction", "").equals("LEFT");
            return new Binary("BitShift", null, BinaryFn.of(null, (x, y, t) -> {
                int bits = t.bits();
                if (y < 0 || y >= bits) {
                    return 0;
                }
                return left ? x << y : x >>> y;
            }));
        });
        reg.insert("BitwiseAnd", spec -> new Binary("BitwiseAnd", null, BinaryFn.of(null, (x, y, t) -> x & y)));
        reg.insert("BitwiseOr", spec -> new Binary("BitwiseOr", null, BinaryFn.of(null, (x, y, t) -> x | y)));
        reg.insert("BitwiseXor", spec -> new Binary("BitwiseXor", null, BinaryFn.of(null, (x, y, t) -> x ^ y)));
        reg.insert("BitwiseNot", spec -> new Unary("BitwiseNot", null, x -> ~x));
        reg.insert("Equal", spec -> new Compare("Equal", c -> c == 0));
        reg.insert("Less", spec -> new Compare("Less", c -> c < 0));
        reg.insert("LessOrEqual", spec -> new Compare("LessOrEqual", c -> c <= 0));
        reg.insert("Greater", spec -> new Compare("Greater", c -> c > 0));
        reg.insert("GreaterOrEqual", spec -> new Compare("GreaterOrEqual", c -> c >= 0));
        reg.insert("And", spec -> new Logical("And", (x, y) -> x && y));
        reg.insert("Or", spec -> new Logical("Or", (x, y) -> x || y));
        reg.insert("Xor", spec -> new Logical("Xor", (x, y) -> x ^ y));
        reg.insert("Not", spec -> (SimpleOp) (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "X");
            Ops.requireType(x, "Not input", DType.BOOL);
            boolean[] s = x.booleans();
            boolean[] o = new boolean[s.length];
            for (int i = 0; i < s.length; i++) {
                o[i] = !s[i];
            }
            return Tensor.wrap(DType.BOOL, x.shape(), o);
        });
    }

    /**
     * Before opset 7, a binary op broadcast B only with {@code broadcast=1}, aligning B's axes at
     * {@code axis} of A (suffix alignment, NumPy's rule, when no axis is given).
     */
    private static SimpleOp legacyBroadcast(dev.edge4j.onnx.ops.OpSpec spec, Binary op) {
        if (spec.opset() >= 7 || spec.attrs().getLong("broadcast", 0) == 0 || !spec.attrs().has("axis")) {
            return op;
        }
        long axis = spec.attrs().getLong("axis", 0);
        return (in, ctx) -> {
            Tensor a = Ops.input(in, 0, "A");
            Tensor b = Ops.input(in, 1, "B");
            int ax = Ops.axis(axis, a.rank());
            int[] dims = new int[a.rank() - ax];
            java.util.Arrays.fill(dims, 1);
            if (b.rank() > dims.length) {
                throw new InvalidInputException("B " + b.shape() + " does not fit A " + a.shape() + " at axis " + axis);
            }
            for (int i = 0; i < b.rank(); i++) {
                dims[i] = b.shape().dim(i);
            }
            Ops.requireSameType(a, b, "broadcast");
            return op.apply(a, b.reshape(dims), ctx);
        };
    }

    private static long divide(long x, long y, DType t) {
        if (y == 0) {
            throw new InvalidInputException("integer division by zero");
        }
        return t == DType.UINT64 ? Long.divideUnsigned(x, y) : x / y;
    }

    private static double floorMod(double x, double y) {
        double r = x % y;
        return r != 0 && (r < 0) != (y < 0) ? r + y : r;
    }

    private static double max(double x, double y) {
        return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
    }

    private static double min(double x, double y) {
        return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.min(x, y);
    }

    private static void unary(OpRegistry reg) {
        reg.insert("Abs", spec -> new Unary("Abs", Math::abs, Math::abs).withKernel(UnaryF32::abs));
        reg.insert("Neg", spec -> new Unary("Neg", x -> -x, x -> -x).withKernel(UnaryF32::neg));
        reg.insert("Sign", spec -> new Unary("Sign", Math::signum, Long::signum));
        reg.insert("Reciprocal", spec -> Unary.floats("Reciprocal", x -> 1 / x).withKernel(UnaryF32::reciprocal));
        reg.insert("Sqrt", spec -> Unary.floats("Sqrt", Math::sqrt).withKernel(UnaryF32::sqrt));
        reg.insert("Exp", spec -> Unary.floats("Exp", Math::exp).withKernel(UnaryF32::exp));
        reg.insert("Log", spec -> Unary.floats("Log", Math::log));
        reg.insert("Floor", spec -> Unary.floats("Floor", Math::floor));
        reg.insert("Ceil", spec -> Unary.floats("Ceil", Math::ceil));
        reg.insert("Round", spec -> Unary.floats("Round", Math::rint));
        reg.insert("Sin", spec -> Unary.floats("Sin", Math::sin));
        reg.insert("Cos", spec -> Unary.floats("Cos", Math::cos));
        reg.insert("Tan", spec -> Unary.floats("Tan", Math::tan));
        reg.insert("Asin", spec -> Unary.floats("Asin", Math::asin));
        reg.insert("Acos", spec -> Unary.floats("Acos", Math::acos));
        reg.insert("Atan", spec -> Unary.floats("Atan", Math::atan));
        reg.insert("Sinh", spec -> Unary.floats("Sinh", Math::sinh));
        reg.insert("Cosh", spec -> Unary.floats("Cosh", Math::cosh));
        reg.insert("Tanh", spec -> Unary.floats("Tanh", Math::tanh).withKernel(UnaryF32::tanh));
        reg.insert("Asinh", spec -> Unary.floats("Asinh", SpecialFunctions::asinh));
        reg.insert("Acosh", spec -> Unary.floats("Acosh", SpecialFunctions::acosh));
        reg.insert("Atanh", spec -> Unary.floats("Atanh", SpecialFunctions::atanh));
        reg.insert("Erf", spec -> Unary.floats("Erf", SpecialFunctions::erf).withKernel(UnaryF32::erf));
        reg.insert("IsNaN", spec -> (SimpleOp) (in, ctx) -> predicate(Ops.input(in, 0, "X"), Double::isNaN));
        reg.insert("IsInf", spec -> {
            boolean neg = spec.attrs().getLong("detect_negative", 1) != 0;
            boolean pos = spec.attrs().getLong("detect_positive", 1) != 0;
            return (SimpleOp) (in, ctx) -> predicate(Ops.input(in, 0, "X"),
                    v -> (pos && v == Double.POSITIVE_INFINITY) || (neg && v == Double.NEGATIVE_INFINITY));
        });
    }

    private static Tensor predicate(Tensor x, java.util.function.DoublePredicate p) {
        if (!x.dtype().isFloatingPoint()) {
            throw new InvalidInputException("expected a floating-point tensor, got " + x.dtype());
        }
        boolean[] o = new boolean[x.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = p.test(x.getDouble(i));
        }
        return Tensor.wrap(DType.BOOL, x.shape(), o);
    }

    private static void activations(OpRegistry reg) {
        reg.insert("Relu", spec -> new Unary("Relu", x -> x > 0 || Double.isNaN(x) ? x : 0, x -> Math.max(x, 0))
                .withKernel(UnaryF32::relu));
        reg.insert("Sigmoid", spec -> Unary.floats("Sigmoid", MathFamily::sigmoid).withKernel(UnaryF32::sigmoid));
        reg.insert("LeakyRelu", spec -> {
            double alpha = spec.attrs().getFloat("alpha", 0.01f);
            float a = (float) alpha;
            return Unary.floats("LeakyRelu", x -> x >= 0 ? x : alpha * x)
                    .withKernel((x, xo, y, yo, n) -> UnaryF32.leaky(x, xo, y, yo, n, a));
        });
        reg.insert("Elu", spec -> {
            double alpha = spec.attrs().getFloat("alpha", 1f);
            return Unary.floats("Elu", x -> x >= 0 ? x : alpha * (Math.exp(x) - 1));
        });
        reg.insert("Selu", spec -> {
            double alpha = spec.attrs().getFloat("alpha", 1.67326319217681884765625f);
            double gamma = spec.attrs().getFloat("gamma", 1.05070102214813232421875f);
            return Unary.floats("Selu", x -> x > 0 ? gamma * x : gamma * (alpha * Math.exp(x) - alpha));
        });
        reg.insert("Celu", spec -> {
            double alpha = spec.attrs().getFloat("alpha", 1f);
            return Unary.floats("Celu", x -> Math.max(0, x) + Math.min(0, alpha * (Math.exp(x / alpha) - 1)));
        });
        reg.insert("HardSigmoid", spec -> {
            double alpha = spec.attrs().getFloat("alpha", 0.2f);
            double beta = spec.attrs().getFloat("beta", 0.5f);
            return Unary.floats("HardSigmoid", x -> Math.max(0, Math.min(1, alpha * x + beta)));
        });
        reg.insert("HardSwish", spec -> Unary.floats("HardSwish",
                x -> x * Math.max(0, Math.min(1, x / 6 + 0.5))).withKernel(UnaryF32::hardSwish));
        reg.insert("Softplus", spec -> Unary.floats("Softplus", x -> x > 30 ? x : Math.log1p(Math.exp(x))));
        reg.insert("Softsign", spec -> Unary.floats("Softsign", x -> x / (1 + Math.abs(x))));
        reg.insert("Mish", spec -> Unary.floats("Mish", x -> x * Math.tanh(x > 30 ? x : Math.log1p(Math.exp(x)))));
        reg.insert("ThresholdedRelu", spec -> {
            double alpha = spec.attrs().getFloat("alpha", 1f);
            return Unary.floats("ThresholdedRelu", x -> x > alpha ? x : 0);
        });
        reg.insert("Shrink", spec -> {
            double bias = spec.attrs().getFloat("bias", 0f);
            double lambd = spec.attrs().getFloat("lambd", 0.5f);
            return new Unary("Shrink", x -> x < -lambd ? x + bias : x > lambd ? x - bias : 0,
                    x -> x < -lambd ? (long) (x + bias) : x > lambd ? (long) (x - bias) : 0);
        });
        reg.insert("Gelu", spec -> {
            boolean tanh = spec.attrs().getString("approximate", "none").equals("tanh");
            if (tanh) {
                return Unary.floats("Gelu",
                        x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
            }
            return Unary.floats("Gelu", x -> 0.5 * x * (1 + SpecialFunctions.erf(x / Math.sqrt(2))))
                    .withKernel(UnaryF32::gelu);
        });
        reg.insert("PRelu", spec -> {
            Binary prelu = new Binary("PRelu", BinaryF32.PRELU, BinaryFn.of(
                    (x, slope) -> x < 0 ? slope * x : x, (x, slope, t) -> x < 0 ? slope * x : x));
            if (spec.opset() >= 7) {
                return prelu;
            }
            // Before opset 7 a 1-D slope with one value per channel applies along axis 1.
            return (SimpleOp) (in, ctx) -> {
                Tensor x = Ops.input(in, 0, "X");
                Tensor slope = Ops.input(in, 1, "slope");
                if (slope.rank() == 1 && x.rank() >= 2 && slope.size() == x.shape().dim(1) && slope.size() > 1) {
                    int[] dims = new int[x.rank() - 1];
                    java.util.Arrays.fill(dims, 1);
                    dims[0] = slope.size();
                    slope = slope.reshape(dims);
                }
                Ops.requireSameType(x, slope, "PRelu");
                return prelu.apply(x, slope, ctx);
            };
        });
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
