package dev.edge4j.onnx.ops.image;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * Resize (and the older Upsample): nearest, N-linear or cubic interpolation along every axis, with
 * each of ONNX's coordinate transformations. Each axis is resolved to a list of input taps and
 * weights per output coordinate; an output element is the weighted sum over all tap combinations.
 */
public final class Resize implements SimpleOp {
    private final String mode;
    private final String transform;
    private final String nearestMode;
    private final double cubicA;
    private final boolean excludeOutside;
    private final double extrapolation;
    private final int inputVersion;
    private final float[] attrScales;
    private final long[] axes;

    private Resize(String mode, String transform, String nearestMode, double cubicA, boolean excludeOutside,
            double extrapolation, int inputVersion, float[] attrScales, long[] axes) {
        this.mode = mode;
        this.transform = transform;
        this.nearestMode = nearestMode;
        this.cubicA = cubicA;
        this.excludeOutside = excludeOutside;
        this.extrapolation = extrapolation;
        this.inputVersion = inputVersion;
        this.attrScales = attrScales;
        this.axes = axes;
    }

    public static Resize resize(OpSpec spec) {
        String mode = spec.attrs().getString("mode", "nearest");
        checkMode(spec, mode);
        if (spec.attrs().getLong("antialias", 0) != 0) {
            throw Ops.unsupported(spec, "Resize with antialias");
        }
        if (!spec.attrs().getString("keep_aspect_ratio_policy", "stretch").equals("stretch")) {
            throw Ops.unsupported(spec, "keep_aspect_ratio_policy other than stretch");
        }
        boolean v10 = spec.opset() < 11;
        return new Resize(mode,
                v10 ? "asymmetric" : spec.attrs().getString("coordinate_transformation_mode", "half_pixel"),
                v10 ? "simple" : spec.attrs().getString("nearest_mode", "round_prefer_floor"),
                spec.attrs().getFloat("cubic_coeff_a", -0.75f),
                spec.attrs().getLong("exclude_outside", 0) != 0,
                spec.attrs().getFloat("extrapolation_value", 0f),
                v10 ? 10 : 11, null, spec.attrs().getLongs("axes", null));
    }

    public static Resize upsample(OpSpec spec) {
        String mode = spec.attrs().getString("mode", "nearest");
        checkMode(spec, mode);
        float[] scales = spec.opset() < 9 ? spec.attrs().getFloats("scales", null) : null;
        return new Resize(mode.equals("bilinear") ? "linear" : mode, "asymmetric", "simple", -0.75, false, 0,
                9, scales, null);
    }

    private static void checkMode(OpSpec spec, String mode) {
        if (!mode.equals("nearest") && !mode.equals("linear") && !mode.equals("cubic") && !mode.equals("bilinear")) {
            throw Ops.unsupported(spec, "resize mode '" + mode + "'");
        }
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        Ops.requireNumeric(x, "Resize input");
        int r = x.rank();
        Tensor roiT = null;
        Tensor scalesT;
        Tensor sizesT = null;
        if (attrScales != null) {
            scalesT = Tensor.of(attrScales, attrScales.length);
        } else if (inputVersion < 11) {
            scalesT = Ops.input(in, 1, "scales");
        } else {
            roiT = Ops.optional(in, 1);
            scalesT = Ops.optional(in, 2);
            sizesT = Ops.optional(in, 3);
        }
        int[] axisList = new int[axes == null ? r : axes.length];
        for (int i = 0; i < axisList.length; i++) {
            axisList[i] = axes == null ? i : Ops.axis(axes[i], r);
        }
        double[] scales = new double[r];
        int[] outDims = x.dims();
        java.util.Arrays.fill(scales, 1);
        if (sizesT != null && sizesT.size() > 0) {
            long[] sizes = Ops.longs(sizesT, "Resize sizes");
            if (sizes.length != axisList.length) {
                throw new InvalidInputException("Resize sizes must hold one entry per axis");
            }
            for (int i = 0; i < axisList.length; i++) {
                int a = axisList[i];
                outDims[a] = (int) sizes[i];
                scales[a] = (double) sizes[i] / x.shape().dim(a);
            }
        } else if (scalesT != null && scalesT.size() > 0) {
            if (scalesT.size() != axisList.length) {
                throw new InvalidInputException("Resize scales must hold one entry per axis, got " + scalesT.shape());
            }
            for (int i = 0; i < axisList.length; i++) {
                int a = axisList[i];
                double s = (float) scalesT.getDouble(i);
                if (!(s > 0)) {
                    throw new InvalidInputException("Resize scale " + s + " must be positive");
                }
                scales[a] = s;
                outDims[a] = (int) Math.floor(x.shape().dim(a) * s);
            }
        } else {
            throw new InvalidInputException("Resize needs scales or sizes");
        }
        double[] roi = new double[2 * r];
        for (int a = 0; a < r; a++) {
            roi[a] = 0;
            roi[a + r] = 1;
        }
        if (roiT != null && roiT.size() > 0 && transform.equals("tf_crop_and_resize")) {
            if (roiT.size() != 2 * axisList.length) {
                throw new InvalidInputException("Resize roi must hold 2 entries per axis");
            }
            for (int i = 0; i < axisList.length; i++) {
                roi[axisList[i]] = roiT.getDouble(i);
                roi[axisList[i] + r] = roiT.getDouble(i + axisList.length);
            }
        }
        Shape outShape = Shape.of(outDims);
        Taps[] taps = new Taps[r];
        for (int a = 0; a < r; a++) {
            taps[a] = taps(x.shape().dim(a), outDims[a], scales[a], roi[a], roi[a + r]);
        }
        return interpolate(x, outShape, taps);
    }

    /** Per output coordinate of one axis: input indices and weights (index -1: extrapolation). */
    record Taps(int[][] index, double[][] weight) {}

    private Taps taps(int inLen, int outLen, double scale, double roiStart, double roiEnd) {
        int[][] idx = new int[outLen][];
        double[][] w = new double[outLen][];
        for (int o = 0; o < outLen; o++) {
            double xo = original(o, inLen, outLen, scale, roiStart, roiEnd);
            if (transform.equals("tf_crop_and_resize") && (xo < 0 || xo > inLen - 1)) {
                idx[o] = new int[] {-1};
                w[o] = new double[] {1};
                continue;
            }
            switch (mode) {
                case "nearest" -> {
                    idx[o] = new int[] {nearest(xo, inLen, scale < 1)};
                    w[o] = new double[] {1};
                }
                case "linear" -> {
                    double c = Math.max(0, Math.min(xo, inLen - 1));
                    int i0 = (int) Math.floor(c);
                    int i1 = Math.min(i0 + 1, inLen - 1);
                    double f = c - i0;
                    idx[o] = new int[] {i0, i1};
                    w[o] = new double[] {1 - f, f};
                }
                default -> cubic(xo, inLen, idx, w, o);
            }
        }
        return new Taps(idx, w);
    }

    private void cubic(double xo, int inLen, int[][] idx, double[][] w, int o) {
        int base = (int) Math.floor(xo);
        double s = xo - base;
        double a = cubicA;
        double[] c = {
            ((a * (s + 1) - 5 * a) * (s + 1) + 8 * a) * (s + 1) - 4 * a,
            ((a + 2) * s - (a + 3)) * s * s + 1,
            ((a + 2) * (1 - s) - (a + 3)) * (1 - s) * (1 - s) + 1,
            ((a * (2 - s) - 5 * a) * (2 - s) + 8 * a) * (2 - s) - 4 * a};
        int[] ix = new int[4];
        double sum = 0;
        for (int k = 0; k < 4; k++) {
            int i = base - 1 + k;
            if (i < 0 || i >= inLen) {
                if (excludeOutside) {
                    c[k] = 0;
                }
                i = Math.max(0, Math.min(inLen - 1, i));
            }
            ix[k] = i;
            sum += c[k];
        }
        if (excludeOutside && sum != 0) {
            for (int k = 0; k < 4; k++) {
                c[k] /= sum;
            }
        }
        idx[o] = ix;
        w[o] = c;
    }

    private double original(int o, int inLen, int outLen, double scale, double roiStart, double roiEnd) {
        return switch (transform) {
            case "half_pixel" -> (o + 0.5) / scale - 0.5;
            case "pytorch_half_pixel" -> outLen > 1 ? (o + 0.5) / scale - 0.5 : 0;
            // As ONNX's reference: the resized length is in * scale, not the rounded output size.
            case "align_corners" -> inLen * scale <= 1 ? 0 : o * (inLen - 1.0) / (inLen * scale - 1.0);
            case "asymmetric" -> o / scale;
            case "tf_half_pixel_for_nn" -> (o + 0.5) / scale;
            case "tf_crop_and_resize" -> outLen > 1
                    ? roiStart * (inLen - 1) + o * (roiEnd - roiStart) * (inLen - 1) / (outLen - 1)
                    : 0.5 * (roiStart + roiEnd) * (inLen - 1);
            case "half_pixel_symmetric" -> {
                double adjustment = outLen / (scale * inLen);
                double center = inLen / 2.0;
                double offset = center * (1 - adjustment);
                yield offset + (o + 0.5) / scale - 0.5;
            }
            default -> throw new InvalidInputException("coordinate_transformation_mode '" + transform
                    + "' is not supported");
        };
    }

    private int nearest(double xo, int inLen, boolean downsampling) {
        double fl = Math.floor(xo);
        int i = switch (nearestMode) {
            case "round_prefer_ceil" -> (int) (xo - fl == 0.5 ? fl + 1 : Math.round(xo));
            case "floor" -> (int) fl;
            case "ceil" -> (int) Math.ceil(xo);
            case "simple" -> (int) (downsampling ? Math.ceil(xo) : fl);
            default -> (int) (xo - fl == 0.5 ? fl : Math.round(xo));
        };
        return Math.max(0, Math.min(inLen - 1, i));
    }

    private Tensor interpolate(Tensor x, Shape outShape, Taps[] taps) {
        int r = x.rank();
        int n = outShape.size();
        Tensor out = Tensor.zeros(x.dtype(), outShape);
        int[] inStrides = x.shape().strides();
        int[] pos = new int[r];
        int[] choice = new int[r];
        boolean integer = x.dtype().isInteger();
        for (int o = 0; o < n; o++) {
            double sum = 0;
            boolean outside = false;
            java.util.Arrays.fill(choice, 0);
            while (true) {
                double w = 1;
                int src = 0;
                for (int d = 0; d < r; d++) {
                    int i = taps[d].index()[pos[d]][choice[d]];
                    if (i < 0) {
                        outside = true;
                        break;
                    }
                    w *= taps[d].weight()[pos[d]][choice[d]];
                    src += i * inStrides[d];
                }
                if (outside) {
                    break;
                }
                if (w != 0) {
                    sum += w * x.getDouble(src);
                }
                int d = r - 1;
                for (; d >= 0; d--) {
                    if (++choice[d] < taps[d].index()[pos[d]].length) {
                        break;
                    }
                    choice[d] = 0;
                }
                if (d < 0) {
                    break;
                }
            }
            double v = outside ? extrapolation : sum;
            if (integer) {
                out.setLong(o, Math.round(v));
            } else {
                out.setDouble(o, v);
            }
            for (int d = r - 1; d >= 0; d--) {
                if (++pos[d] < outShape.dim(d)) {
                    break;
                }
                pos[d] = 0;
            }
        }
        return out;
    }
}
