package dev.edge4j.onnx.ops.array;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import dev.edge4j.onnx.ops.Take;

/**
 * Pad: grows (or, with negative pads, crops) each axis; the new border holds a constant, or
 * mirrors (reflect), repeats the edge (edge), or wraps around (wrap).
 */
final class Pad {
    private Pad() {}

    static SimpleOp create(OpSpec spec) {
        String mode = spec.attrs().getString("mode", "constant");
        if (!mode.equals("constant") && !mode.equals("reflect") && !mode.equals("edge") && !mode.equals("wrap")) {
            throw Ops.unsupported(spec, "Pad mode '" + mode + "'");
        }
        long[] attrPads = spec.opset() < 11 ? spec.attrs().getLongs(spec.opset() < 2 ? "paddings" : "pads", null) : null;
        double attrValue = spec.attrs().getFloat("value", 0f);
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "data");
            long[] pads = attrPads != null ? attrPads : Ops.longs(Ops.input(in, 1, "pads"), "Pad pads");
            Tensor value = spec.opset() < 11 ? null : Ops.optional(in, 2);
            long[] axes = Ops.optional(in, 3) == null ? null : Ops.longs(in[3], "Pad axes");
            int r = x.rank();
            long[] full = new long[2 * r];
            if (axes == null) {
                if (pads.length != 2 * r) {
                    throw new InvalidInputException("Pad pads " + java.util.Arrays.toString(pads)
                            + " must hold 2 entries per axis of " + x.shape());
                }
                full = pads;
            } else {
                if (pads.length != 2 * axes.length) {
                    throw new InvalidInputException("Pad pads must hold 2 entries per listed axis");
                }
                for (int i = 0; i < axes.length; i++) {
                    int ax = Ops.axis(axes[i], r);
                    full[ax] = pads[i];
                    full[ax + r] = pads[i + axes.length];
                }
            }
            return apply(x, full, mode, value, attrValue);
        };
    }

    static Tensor apply(Tensor x, long[] pads, String mode, Tensor valueTensor, double attrValue) {
        int r = x.rank();
        int[] dims = x.dims();
        int[] out = new int[r];
        for (int d = 0; d < r; d++) {
            long o = dims[d] + pads[d] + pads[d + r];
            if (o < 0) {
                throw new InvalidInputException("Pad pads " + java.util.Arrays.toString(pads) + " crop "
                        + x.shape() + " below zero");
            }
            out[d] = (int) o;
            if (!mode.equals("constant") && dims[d] == 0 && o > 0) {
                throw new InvalidInputException("Pad mode " + mode + " cannot pad an empty axis");
            }
        }
        Shape shape = Shape.of(out);
        int n = shape.size();
        int[] strides = x.shape().strides();
        // Index n + 0 (one past the input) stands for the constant.
        int[] map = new int[n];
        int[] pos = new int[r];
        for (int i = 0; i < n; i++) {
            int src = 0;
            boolean constant = false;
            for (int d = 0; d < r; d++) {
                long c = pos[d] - pads[d];
                int dim = dims[d];
                if (c < 0 || c >= dim) {
                    switch (mode) {
                        case "constant" -> constant = true;
                        case "edge" -> c = c < 0 ? 0 : dim - 1;
                        case "wrap" -> c = Math.floorMod(c, dim);
                        default -> c = reflect(c, dim);
                    }
                }
                src += (int) c * strides[d];
            }
            map[i] = constant ? -1 : src;
            for (int d = r - 1; d >= 0; d--) {
                if (++pos[d] < out[d]) {
                    break;
                }
                pos[d] = 0;
            }
        }
        // Append the constant as one extra element of the source and point padding at it.
        int size = x.size();
        Tensor ext = Tensor.zeros(x.dtype(), Shape.of(size + 1));
        System.arraycopy(x.data(), 0, ext.data(), 0, size);
        if (valueTensor != null && valueTensor.size() > 0) {
            System.arraycopy(valueTensor.data(), 0, ext.data(), size, 1);
        } else if (x.dtype().isNumeric()) {
            ext.setDouble(size, attrValue);
        }
        for (int i = 0; i < n; i++) {
            if (map[i] < 0) {
                map[i] = size;
            }
        }
        return Take.take(ext, map, shape);
    }

    private static long reflect(long c, int dim) {
        if (dim == 1) {
            return 0;
        }
        long period = 2L * (dim - 1);
        long m = Math.floorMod(c, period);
        return m < dim ? m : period - m;
    }
}
