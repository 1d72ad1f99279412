package dev.edge4j.onnx.ops.training;

import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.Broadcast;
import dev.edge4j.onnx.ops.ExecContext;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;

/**
 * Vector-Jacobian products of the operators {@link Gradient} can differentiate through: given a
 * node's inputs, output and the gradient of its output, the gradients of its inputs (summed
 * over the axes an input was broadcast along).
 */
final class GradientRules {
    private static final Set<String> SUPPORTED = Set.of("Add", "Sub", "Mul", "Div", "Neg", "Identity",
            "Relu", "Sigmoid", "Tanh", "Exp", "Log", "Sqrt", "MatMul");

    private GradientRules() {}

    static boolean supports(String opType) {
        return SUPPORTED.contains(opType);
    }

    static Tensor[] backward(String op, Tensor[] x, Tensor y, Tensor dy, ExecContext ctx) {
        return switch (op) {
            case "Add" -> new Tensor[] {reduceTo(dy, x[0].shape()), reduceTo(dy, x[1].shape())};
            case "Sub" -> new Tensor[] {reduceTo(dy, x[0].shape()), reduceTo(map(dy, v -> -v), x[1].shape())};
            case "Mul" -> new Tensor[] {reduceTo(zip(dy, x[1], (g, b) -> g * b), x[0].shape()),
                reduceTo(zip(dy, x[0], (g, a) -> g * a), x[1].shape())};
            case "Div" -> new Tensor[] {reduceTo(zip(dy, x[1], (g, b) -> g / b), x[0].shape()),
                reduceTo(zip(zip(dy, x[0], (g, a) -> g * a), x[1], (ga, b) -> -ga / (b * b)), x[1].shape())};
            case "Neg" -> new Tensor[] {map(dy, v -> -v)};
            case "Identity" -> new Tensor[] {dy};
            case "Relu" -> new Tensor[] {zip(dy, x[0], (g, a) -> a > 0 ? g : 0)};
            case "Sigmoid" -> new Tensor[] {zip(dy, y, (g, s) -> g * s * (1 - s))};
            case "Tanh" -> new Tensor[] {zip(dy, y, (g, t) -> g * (1 - t * t))};
            case "Exp" -> new Tensor[] {zip(dy, y, (g, e) -> g * e)};
            case "Log" -> new Tensor[] {zip(dy, x[0], (g, a) -> g / a)};
            case "Sqrt" -> new Tensor[] {zip(dy, y, (g, s) -> g / (2 * s))};
            case "MatMul" -> matMul(x[0], x[1], dy);
            default -> throw new IllegalStateException("no gradient rule for " + op);
        };
    }

    static Tensor fill(Tensor like, double v) {
        Tensor t = Tensor.zeros(like.dtype(), like.shape());
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, v);
        }
        return t;
    }

    static Tensor add(Tensor a, Tensor b) {
        return zip(a, b, Double::sum);
    }

    private static Tensor map(Tensor a, java.util.function.DoubleUnaryOperator f) {
        Tensor out = Tensor.zeros(a.dtype(), a.shape());
        for (int i = 0; i < a.size(); i++) {
            out.setDouble(i, f.applyAsDouble(a.getDouble(i)));
        }
        return out;
    }

    /** f(a, b) element-wise in a's shape, b broadcast to it. */
    private static Tensor zip(Tensor a, Tensor b, DoubleBinaryOperator f) {
        Shape shape = Broadcast.shape(a.shape(), b.shape());
        int[] ia = Broadcast.indexMap(a.shape(), shape);
        int[] ib = Broadcast.indexMap(b.shape(), shape);
        Tensor out = Tensor.zeros(a.dtype(), shape);
        for (int i = 0; i < ia.length; i++) {
            out.setDouble(i, f.applyAsDouble(a.getDouble(ia[i]), b.getDouble(ib[i])));
        }
        return out;
    }

    /** Sums a gradient over the axes its input was broadcast along, back to the input's shape. */
    private static Tensor reduceTo(Tensor g, Shape target) {
        if (g.shape().equals(target)) {
            return g;
        }
        int[] map = Broadcast.indexMap(target, g.shape());
        Tensor out = Tensor.zeros(g.dtype(), target);
        double[] acc = new double[target.size()];
        for (int i = 0; i < map.length; i++) {
            acc[map[i]] += g.getDouble(i);
        }
        for (int i = 0; i < acc.length; i++) {
            out.setDouble(i, acc[i]);
        }
        return out;
    }

    /** 2-D MatMul: dA = dY * B^T, dB = A^T * dY. */
    private static Tensor[] matMul(Tensor a, Tensor b, Tensor dy) {
        if (a.rank() != 2 || b.rank() != 2) {
            throw new dev.edge4j.onnx.UnsupportedOpException("the MatMul gradient handles 2-D operands only");
        }
        int m = a.shape().dim(0);
        int k = a.shape().dim(1);
        int n = b.shape().dim(1);
        Tensor da = Tensor.zeros(a.dtype(), a.shape());
        Tensor db = Tensor.zeros(b.dtype(), b.shape());
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += dy.getDouble(i * n + j) * b.getDouble(p * n + j);
                }
                da.setDouble(i * k + p, s);
            }
        }
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += a.getDouble(i * k + p) * dy.getDouble(i * n + j);
                }
                db.setDouble(p * n + j, s);
            }
        }
        return new Tensor[] {da, db};
    }
}
