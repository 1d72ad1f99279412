package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import dev.edge4j.onnx.ops.TensorOp;

/** Det, MaxUnpool and Dropout. */
final class Misc {
    private Misc() {}

    /** Determinants of the trailing n x n matrices, by LU decomposition with partial pivoting. */
    static SimpleOp det(OpSpec spec) {
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "X");
            Ops.requireMinRank(x, 2, "Det input");
            int n = x.shape().dim(-1);
            if (x.shape().dim(-2) != n) {
                throw new InvalidInputException("Det needs square matrices, got " + x.shape());
            }
            int mats = x.shape().sizeBetween(0, x.rank() - 2);
            Tensor out = Tensor.zeros(x.dtype(), Shape.of(java.util.Arrays.copyOf(x.dims(), x.rank() - 2)));
            double[][] a = new double[n][n];
            for (int m = 0; m < mats; m++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        a[i][j] = x.getDouble(m * n * n + i * n + j);
                    }
                }
                double det = 1;
                for (int col = 0; col < n; col++) {
                    int piv = col;
                    for (int i = col + 1; i < n; i++) {
                        if (Math.abs(a[i][col]) > Math.abs(a[piv][col])) {
                            piv = i;
                        }
                    }
                    if (a[piv][col] == 0) {
                        det = 0;
                        break;
                    }
                    if (piv != col) {
                        double[] t = a[piv];
                        a[piv] = a[col];
                        a[col] = t;
                        det = -det;
                    }
                    det *= a[col][col];
                    for (int i = col + 1; i < n; i++) {
                        double f = a[i][col] / a[col][col];
                        for (int j = col; j < n; j++) {
                            a[i][j] -= f * a[col][j];
                        }
                    }
                }
                out.setDouble(m, det);
            }
            return out;
        };
    }

    static SimpleOp maxUnpool(OpSpec spec) {
        int[] kernel = spec.attrs().getInts("kernel_shape", null);
        int[] strides = spec.attrs().getInts("strides", null);
        int[] pads = spec.attrs().getInts("pads", null);
        if (kernel == null) {
            throw Ops.badModel(spec, "MaxUnpool needs kernel_shape");
        }
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "X");
            Tensor idx = Ops.input(in, 1, "I");
            Tensor shapeT = Ops.optional(in, 2);
            int s = x.rank() - 2;
            // Indices address the default output (the pooled input's original size).
            int[] natural = x.dims();
            for (int i = 0; i < s; i++) {
                int st = strides == null ? 1 : strides[i];
                int pb = pads == null ? 0 : pads[i];
                int pe = pads == null ? 0 : pads[i + s];
                natural[i + 2] = (x.shape().dim(i + 2) - 1) * st + kernel[i] - pb - pe;
            }
            int[] dims = shapeT == null ? natural
                    : Ops.dims(Ops.longs(shapeT, "MaxUnpool output_shape"), "MaxUnpool output_shape");
            if (dims.length != x.rank()) {
                throw new InvalidInputException("MaxUnpool output_shape " + java.util.Arrays.toString(dims)
                        + " must have the rank of X");
            }
            Tensor out = Tensor.zeros(x.dtype(), Shape.of(dims));
            long[] ix = Ops.longs(idx, "MaxUnpool indices");
            if (ix.length != x.size()) {
                throw new InvalidInputException("MaxUnpool indices " + idx.shape() + " must match X " + x.shape());
            }
            Shape from = Shape.of(natural);
            int[] fromStrides = from.strides();
            int[] toStrides = out.shape().strides();
            for (int i = 0; i < ix.length; i++) {
                if (ix[i] < 0 || ix[i] >= from.size()) {
                    throw new InvalidInputException("MaxUnpool index " + ix[i] + " is outside the output");
                }
                long rest = ix[i];
                int dst = 0;
                for (int d = 0; d < dims.length; d++) {
                    int coord = (int) (rest / fromStrides[d]);
                    rest %= fromStrides[d];
                    if (coord >= dims[d]) {
                        throw new InvalidInputException("MaxUnpool index " + ix[i] + " falls outside output_shape");
                    }
                    dst += coord * toStrides[d];
                }
                System.arraycopy(x.data(), i, out.data(), dst, 1);
            }
            return out;
        };
    }

    /**
     * Dropout: the identity at inference; in training mode elements are zeroed with probability
     * ratio and the rest scaled by 1 / (1 - ratio). The mask output says which were kept.
     */
    static TensorOp dropout(OpSpec spec) {
        float attrRatio = spec.attrs().getFloat("ratio", 0.5f);
        long seed = spec.attrs().getLong("seed", 0);
        boolean ratioAsInput = spec.opset() >= 12;
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "data");
            double ratio = ratioAsInput ? (Ops.optional(in, 1) == null ? 0.5 : Ops.scalarDouble(in[1], "ratio")) : attrRatio;
            boolean training = ratioAsInput && Ops.optional(in, 2) != null && in[2].getLong(0) != 0;
            boolean[] mask = new boolean[x.size()];
            if (!training || ratio == 0) {
                java.util.Arrays.fill(mask, true);
                return new Tensor[] {x, Tensor.wrap(DType.BOOL, x.shape(), mask)};
            }
            java.util.Random rnd = seed != 0 ? new java.util.Random(seed) : new java.util.Random();
            Tensor out = Tensor.zeros(x.dtype(), x.shape());
            double scale = 1 / (1 - ratio);
            for (int i = 0; i < mask.length; i++) {
                mask[i] = rnd.nextDouble() >= ratio;
                out.setDouble(i, mask[i] ? x.getDouble(i) * scale : 0);
            }
            return new Tensor[] {out, Tensor.wrap(DType.BOOL, x.shape(), mask)};
        };
    }
}
