package dev.edge4j.onnx.ops.training;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.TensorOp;

/**
 * The optimizer steps of ONNX's training domain: Adagrad, Momentum and Adam. Each takes the
 * learning rate R and step count T, then groups of tensors (weights, gradients, state) and
 * returns the updated weights and state.
 */
final class Optimizers {
    private Optimizers() {}

    private static Tensor[] group(Tensor[] in, int groups, int k, String op) {
        int n = (in.length - 2) / groups;
        if ((in.length - 2) % groups != 0 || n == 0) {
            throw new InvalidInputException(op + " needs R, T and " + groups + " equal groups of tensors");
        }
        Tensor[] g = new Tensor[n];
        System.arraycopy(in, 2 + k * n, g, 0, n);
        return g;
    }

    static TensorOp adagrad(OpSpec spec) {
        double decay = spec.attrs().getFloat("decay_factor", 0f);
        double eps = spec.attrs().getFloat("epsilon", 0f);
        double norm = spec.attrs().getFloat("norm_coefficient", 0f);
        return (in, ctx) -> {
            double r = Ops.scalarDouble(Ops.input(in, 0, "R"), "R");
            long t = Ops.scalarLong(Ops.input(in, 1, "T"), "T");
            Tensor[] x = group(in, 3, 0, "Adagrad");
            Tensor[] g = group(in, 3, 1, "Adagrad");
            Tensor[] h = group(in, 3, 2, "Adagrad");
            int n = x.length;
            Tensor[] out = new Tensor[2 * n];
            double rate = r / (1 + t * decay);
            for (int i = 0; i < n; i++) {
                Tensor xn = Tensor.zeros(x[i].dtype(), x[i].shape());
                Tensor hn = Tensor.zeros(h[i].dtype(), h[i].shape());
                for (int e = 0; e < x[i].size(); e++) {
                    double gr = norm * x[i].getDouble(e) + g[i].getDouble(e);
                    double hv = h[i].getDouble(e) + gr * gr;
                    hn.setDouble(e, hv);
                    xn.setDouble(e, x[i].getDouble(e) - rate * gr / (Math.sqrt(hv) + eps));
                }
                out[i] = xn;
                out[n + i] = hn;
            }
            return out;
        };
    }

    static TensorOp momentum(OpSpec spec) {
        double alpha = spec.attrs().getFloat("alpha", 0f);
        double beta = spec.attrs().getFloat("beta", 0f);
        double norm = spec.attrs().getFloat("norm_coefficient", 0f);
        boolean nesterov = spec.attrs().getString("mode", "standard").equals("nesterov");
        return (in, ctx) -> {
            double r = Ops.scalarDouble(Ops.input(in, 0, "R"), "R");
            long t = Ops.scalarLong(Ops.input(in, 1, "T"), "T");
            Tensor[] x = group(in, 3, 0, "Momentum");
            Tensor[] g = group(in, 3, 1, "Momentum");
            Tensor[] v = group(in, 3, 2, "Momentum");
            int n = x.length;
            Tensor[] out = new Tensor[2 * n];
            double b = t > 0 ? beta : 1;
            for (int i = 0; i < n; i++) {
                Tensor xn = Tensor.zeros(x[i].dtype(), x[i].shape());
                Tensor vn = Tensor.zeros(v[i].dtype(), v[i].shape());
                for (int e = 0; e < x[i].size(); e++) {
                    double gr = norm * x[i].getDouble(e) + g[i].getDouble(e);
                    double vv = alpha * v[i].getDouble(e) + b * gr;
                    vn.setDouble(e, vv);
                    xn.setDouble(e, x[i].getDouble(e) - r * (nesterov ? gr + alpha * vv : vv));
                }
                out[i] = xn;
                out[n + i] = vn;
            }
            return out;
        };
    }

    static TensorOp adam(OpSpec spec) {
        double alpha = spec.attrs().getFloat("alpha", 0.9f);
        double beta = spec.attrs().getFloat("beta", 0.999f);
        double eps = spec.attrs().getFloat("epsilon", 1e-6f);
        double norm = spec.attrs().getFloat("norm_coefficient", 0f);
        double normPost = spec.attrs().getFloat("norm_coefficient_post", 0f);
        return (in, ctx) -> {
            double r = Ops.scalarDouble(Ops.input(in, 0, "R"), "R");
            long t = Ops.scalarLong(Ops.input(in, 1, "T"), "T");
            Tensor[] x = group(in, 4, 0, "Adam");
            Tensor[] g = group(in, 4, 1, "Adam");
            Tensor[] v = group(in, 4, 2, "Adam");
            Tensor[] h = group(in, 4, 3, "Adam");
            int n = x.length;
            Tensor[] out = new Tensor[3 * n];
            double rate = t > 0 ? r * Math.sqrt(1 - Math.pow(beta, t)) / (1 - Math.pow(alpha, t)) : r;
            for (int i = 0; i < n; i++) {
                Tensor xn = Tensor.zeros(x[i].dtype(), x[i].shape());
                Tensor vn = Tensor.zeros(v[i].dtype(), v[i].shape());
                Tensor hn = Tensor.zeros(h[i].dtype(), h[i].shape());
                for (int e = 0; e < x[i].size(); e++) {
                    double gr = norm * x[i].getDouble(e) + g[i].getDouble(e);
                    double vv = alpha * v[i].getDouble(e) + (1 - alpha) * gr;
                    double hv = beta * h[i].getDouble(e) + (1 - beta) * gr * gr;
                    vn.setDouble(e, vv);
                    hn.setDouble(e, hv);
                    double xv = x[i].getDouble(e) - rate * vv / (Math.sqrt(hv) + eps);
                    xn.setDouble(e, (1 - normPost) * xv);
                }
                out[i] = xn;
                out[n + i] = vn;
                out[2 * n + i] = hn;
            }
            return out;
        };
    }
}
