package dev.edge4j.onnx.ops.quant;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * ConvInteger and QLinearConv: convolution of quantized tensors with exact int32 accumulation
 * (direct loops over any number of spatial dimensions), QLinearConv then requantizing.
 */
final class ConvInteger {
    private ConvInteger() {}

    private record Attrs(int[] kernel, int[] strides, int[] dilations, int[] pads, String autoPad, int group) {
        static Attrs of(OpSpec spec) {
            return new Attrs(spec.attrs().getInts("kernel_shape", null), spec.attrs().getInts("strides", null),
                    spec.attrs().getInts("dilations", null), spec.attrs().getInts("pads", null),
                    spec.attrs().getString("auto_pad", "NOTSET"), spec.attrs().getInt("group", 1));
        }
    }

    static SimpleOp convInteger(OpSpec spec) {
        Attrs a = Attrs.of(spec);
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "x");
            Tensor w = Ops.input(in, 1, "w");
            return accumulate(x, Ops.optional(in, 2), w, Ops.optional(in, 3), null, a);
        };
    }

    static SimpleOp qLinearConv(OpSpec spec) {
        Attrs a = Attrs.of(spec);
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "x");
            Tensor xScale = Ops.input(in, 1, "x_scale");
            Tensor w = Ops.input(in, 3, "w");
            Tensor wScale = Ops.input(in, 4, "w_scale");
            Tensor yScale = Ops.input(in, 6, "y_scale");
            Tensor yZp = Ops.input(in, 7, "y_zero_point");
            Tensor acc = accumulate(x, Ops.input(in, 2, "x_zero_point"), w, Ops.input(in, 5, "w_zero_point"),
                    Ops.optional(in, 8), a);
            int m = acc.shape().dim(1);
            int plane = acc.shape().sizeBetween(2, acc.rank());
            return IntegerOps.requantize(acc, i -> {
                double ws = wScale.size() == 1 ? wScale.getDouble(0) : wScale.getDouble((i / plane) % m);
                return xScale.getDouble(0) * ws / yScale.getDouble(0);
            }, yZp);
        };
    }

    private static Tensor accumulate(Tensor x, Tensor xZp, Tensor w, Tensor wZp, Tensor bias, Attrs a) {
        Ops.requireMinRank(x, 3, "quantized Conv input");
        int s = x.rank() - 2;
        int n = x.shape().dim(0);
        int c = x.shape().dim(1);
        int m = w.shape().dim(0);
        int group = a.group();
        if (c % group != 0 || m % group != 0 || w.shape().dim(1) != c / group || w.rank() != x.rank()) {
            throw new InvalidInputException("quantized Conv input " + x.shape() + " and weights " + w.shape()
                    + " do not fit group " + group);
        }
        int[] xi = IntegerOps.shifted(x, xZp, true);
        int[] wi = new int[w.size()];
        int perOut = w.size() / m;
        for (int i = 0; i < wi.length; i++) {
            int v = w.dtype() == DType.UINT8 ? w.bytes()[i] & 0xff : w.bytes()[i];
            int z = wZp == null ? 0 : (int) (wZp.size() == 1 ? wZp.getLong(0) : wZp.getLong(i / perOut));
            wi[i] = v - z;
        }
        int[] inDims = new int[s];
        int[] k = new int[s];
        for (int i = 0; i < s; i++) {
            inDims[i] = x.shape().dim(i + 2);
            k[i] = w.shape().dim(i + 2);
        }
        int[] strides = a.strides() != null ? a.strides() : ones(s);
        int[] dil = a.dilations() != null ? a.dilations() : ones(s);
        int[] begin = new int[s];
        int[] out = new int[s];
        for (int i = 0; i < s; i++) {
            int span = (k[i] - 1) * dil[i] + 1;
            if (a.autoPad().startsWith("SAME")) {
                out[i] = (inDims[i] + strides[i] - 1) / strides[i];
                int total = Math.max(0, (out[i] - 1) * strides[i] + span - inDims[i]);
                begin[i] = a.autoPad().equals("SAME_UPPER") ? total / 2 : total - total / 2;
            } else {
                int pb = a.pads() == null || a.autoPad().equals("VALID") ? 0 : a.pads()[i];
                int pe = a.pads() == null || a.autoPad().equals("VALID") ? 0 : a.pads()[i + s];
                begin[i] = pb;
                out[i] = (inDims[i] + pb + pe - span) / strides[i] + 1;
            }
        }
        int[] outDims = new int[s + 2];
        outDims[0] = n;
        outDims[1] = m;
        System.arraycopy(out, 0, outDims, 2, s);
        Shape shape = Shape.of(outDims);
        int[] acc = new int[shape.size()];
        int cg = c / group;
        int mg = m / group;
        int pin = 1;
        int pout = 1;
        int ks = 1;
        for (int i = 0; i < s; i++) {
            pin *= inDims[i];
            pout *= out[i];
            ks *= k[i];
        }
        int[] opos = new int[s];
        int[] kpos = new int[s];
        for (int img = 0; img < n; img++) {
            for (int oc = 0; oc < m; oc++) {
                int g = oc / mg;
                java.util.Arrays.fill(opos, 0);
                for (int q = 0; q < pout; q++) {
                    int sum = bias == null ? 0 : (int) bias.getLong(oc);
                    for (int ic = 0; ic < cg; ic++) {
                        int xBase = (img * c + g * cg + ic) * pin;
                        int wBase = (oc * cg + ic) * ks;
                        java.util.Arrays.fill(kpos, 0);
                        for (int t = 0; t < ks; t++) {
                            int src = 0;
                            boolean inside = true;
                            for (int d = 0; d < s; d++) {
                                int coord = opos[d] * strides[d] - begin[d] + kpos[d] * dil[d];
                                if (coord < 0 || coord >= inDims[d]) {
                                    inside = false;
                                    break;
                                }
                                src = src * inDims[d] + coord;
                            }
                            if (inside) {
                                sum += xi[xBase + src] * wi[wBase + t];
                            }
                            advance(kpos, k);
                        }
                    }
                    acc[(img * m + oc) * pout + q] = sum;
                    advance(opos, out);
                }
            }
        }
        return Tensor.wrap(DType.INT32, shape, acc);
    }

    private static int[] ones(int n) {
        int[] o = new int[n];
        java.util.Arrays.fill(o, 1);
        return o;
    }

    private static void advance(int[] pos, int[] dims) {
        for (int d = pos.length - 1; d >= 0; d--) {
            if (++pos[d] < dims[d]) {
                return;
            }
            pos[d] = 0;
        }
    }
}
