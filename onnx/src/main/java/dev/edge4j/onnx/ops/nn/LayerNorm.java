package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.RowOps;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * The engine's LayerNorm: float layer normalization over the last axis, {@code y = (x - mean) /
 * sqrt(var + epsilon) * gamma + beta}, with gamma and beta (optional) one value per element of
 * that axis or a single one. Made by a graph pass from the primitives exporters write.
 */
public final class LayerNorm implements SimpleOp {
    private final float epsilon;

    public LayerNorm(OpSpec spec) {
        epsilon = spec.attrs().getFloat("epsilon", 1e-5f);
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        Ops.requireType(x, "LayerNorm input", DType.FLOAT32);
        Ops.requireMinRank(x, 1, "LayerNorm input");
        int d = x.shape().dim(x.rank() - 1);
        float[] gamma = vector(Ops.optional(in, 1), d, "scale");
        float[] beta = vector(Ops.optional(in, 2), d, "bias");
        Tensor out = ctx.alloc(DType.FLOAT32, x.shape());
        if (d == 0) {
            return out;
        }
        float[] xs = x.floats();
        float[] ys = out.floats();
        int rows = x.size() / d;
        ctx.parallel().forRange(rows, Math.max(1, 8192 / d), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                RowOps.layerNorm(xs, r * d, ys, r * d, d, gamma, beta, epsilon);
            }
        });
        return out;
    }

    private static float[] vector(Tensor t, int d, String what) {
        if (t == null) {
            return null;
        }
        Ops.requireType(t, "LayerNorm " + what, DType.FLOAT32);
        if (t.size() == d) {
            return t.floats();
        }
        if (t.size() == 1) {
            float[] v = new float[d];
            java.util.Arrays.fill(v, t.floats()[0]);
            return v;
        }
        throw new InvalidInputException("LayerNorm " + what + " " + t.shape() + " does not fit the last axis (" + d + ")");
    }
}
