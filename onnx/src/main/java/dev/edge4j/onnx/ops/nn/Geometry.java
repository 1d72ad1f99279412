package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;

/**
 * The window arithmetic Conv and the pools share: kernel size, strides, dilations, explicit or
 * automatic (SAME_UPPER, SAME_LOWER, VALID) padding, and the output size they give.
 */
final class Geometry {
    final int[] kernel;
    final int[] strides;
    final int[] dilations;
    final int[] padBegin;
    final int[] padEnd;
    final int[] in;
    final int[] out;

    private Geometry(int[] kernel, int[] strides, int[] dilations, int[] padBegin, int[] padEnd, int[] in, int[] out) {
        this.kernel = kernel;
        this.strides = strides;
        this.dilations = dilations;
        this.padBegin = padBegin;
        this.padEnd = padEnd;
        this.in = in;
        this.out = out;
    }

    /** The attributes of a node, resolved for inputs of spatial size {@code in}. */
    record Attrs(int[] kernel, int[] strides, int[] dilations, int[] pads, String autoPad, boolean ceil) {
        static Attrs of(OpSpec spec, int[] kernelOrNull) {
            String autoPad = spec.attrs().getString("auto_pad", "NOTSET");
            if (!autoPad.equals("NOTSET") && !autoPad.equals("SAME_UPPER") && !autoPad.equals("SAME_LOWER")
                    && !autoPad.equals("VALID")) {
                throw Ops.unsupported(spec, "auto_pad '" + autoPad + "'");
            }
            return new Attrs(kernelOrNull != null ? kernelOrNull : spec.attrs().getInts("kernel_shape", null),
                    spec.attrs().getInts("strides", null), spec.attrs().getInts("dilations", null),
                    spec.attrs().getInts("pads", null), autoPad, spec.attrs().getLong("ceil_mode", 0) != 0);
        }
    }

    static Geometry of(Attrs a, int[] in, int[] kernelFromWeights) {
        int n = in.length;
        int[] kernel = a.kernel != null ? a.kernel : kernelFromWeights;
        if (kernel == null || kernel.length != n) {
            throw new InvalidInputException("kernel shape " + java.util.Arrays.toString(kernel)
                    + " does not fit " + n + " spatial dimensions");
        }
        int[] strides = a.strides != null ? a.strides : ones(n);
        int[] dil = a.dilations != null ? a.dilations : ones(n);
        if (strides.length != n || dil.length != n) {
            throw new InvalidInputException("strides or dilations do not fit " + n + " spatial dimensions");
        }
        int[] begin = new int[n];
        int[] end = new int[n];
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (kernel[i] <= 0 || strides[i] <= 0 || dil[i] <= 0) {
                throw new InvalidInputException("kernel, strides and dilations must be positive");
            }
            int span = (kernel[i] - 1) * dil[i] + 1;
            switch (a.autoPad) {
                case "SAME_UPPER", "SAME_LOWER" -> {
                    out[i] = (in[i] + strides[i] - 1) / strides[i];
                    int total = Math.max(0, (out[i] - 1) * strides[i] + span - in[i]);
                    begin[i] = a.autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                    end[i] = total - begin[i];
                }
                case "VALID" -> out[i] = Math.max(0, (in[i] - span) / strides[i] + 1);
                default -> {
                    if (a.pads != null) {
                        if (a.pads.length != 2 * n) {
                            throw new InvalidInputException("pads " + java.util.Arrays.toString(a.pads)
                                    + " must hold 2 entries per spatial dimension");
                        }
                        begin[i] = a.pads[i];
                        end[i] = a.pads[i + n];
                    }
                    int padded = in[i] + begin[i] + end[i] - span;
                    if (padded < 0) {
                        throw new InvalidInputException("the window (" + span + ") is larger than the padded input ("
                                + (in[i] + begin[i] + end[i]) + ")");
                    }
                    if (a.ceil) {
                        out[i] = (padded + strides[i] - 1) / strides[i] + 1;
                        // The last window must start inside the input or its leading padding.
                        if ((out[i] - 1) * strides[i] >= in[i] + begin[i]) {
                            out[i]--;
                        }
                    } else {
                        out[i] = padded / strides[i] + 1;
                    }
                }
            }
        }
        return new Geometry(kernel, strides, dil, begin, end, in, out);
    }

    static int[] ones(int n) {
        int[] o = new int[n];
        java.util.Arrays.fill(o, 1);
        return o;
    }

    int outSize() {
        int s = 1;
        for (int o : out) {
            s *= o;
        }
        return s;
    }

    int inSize() {
        int s = 1;
        for (int i : in) {
            s *= i;
        }
        return s;
    }

    int kernelSize() {
        int s = 1;
        for (int k : kernel) {
            s *= k;
        }
        return s;
    }

    boolean is2d() {
        return in.length == 2;
    }
}
