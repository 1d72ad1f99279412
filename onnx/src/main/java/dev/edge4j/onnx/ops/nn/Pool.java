package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.TensorOp;

/**
 * MaxPool (with the optional Indices output), AveragePool and LpPool over any number of spatial
 * dimensions, with strides, dilations, padding and ceil mode.
 */
public final class Pool implements TensorOp {
    /** Which pool. */
    public enum Kind { MAX, AVERAGE, LP }

    private final Kind kind;
    private final Geometry.Attrs attrs;
    private final boolean countIncludePad;
    private final boolean columnMajor;
    private final int p;

    public Pool(OpSpec spec, Kind kind) {
        this.kind = kind;
        this.attrs = Geometry.Attrs.of(spec, null);
        if (attrs.kernel() == null) {
            throw Ops.badModel(spec, "the pool needs kernel_shape");
        }
        this.countIncludePad = spec.attrs().getLong("count_include_pad", 0) != 0;
        this.columnMajor = spec.attrs().getLong("storage_order", 0) != 0;
        this.p = spec.attrs().getInt("p", 2);
    }

    @Override
    public Tensor[] compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        Ops.requireMinRank(x, 3, "pool input");
        DType t = x.dtype();
        if (!t.isFloatingPoint() && !(kind == Kind.MAX && t.isInteger())) {
            throw new InvalidInputException("pooling does not take " + t + " tensors");
        }
        int s = x.rank() - 2;
        int[] inDims = new int[s];
        for (int i = 0; i < s; i++) {
            inDims[i] = x.shape().dim(i + 2);
        }
        Geometry g = Geometry.of(attrs, inDims, null);
        int planes = x.shape().dim(0) * x.shape().dim(1);
        int[] outDims = x.dims();
        System.arraycopy(g.out, 0, outDims, 2, s);
        Shape shape = Shape.of(outDims);
        Tensor out = Tensor.zeros(t, shape);
        long[] indices = kind == Kind.MAX ? new long[shape.size()] : null;
        int pin = g.inSize();
        int pout = g.outSize();
        int k = g.kernelSize();
        int[] opos = new int[s];
        int[] kpos = new int[s];
        int[] inStrides = new int[s];
        int[] colStrides = new int[s];
        for (int d = s - 1, acc = 1; d >= 0; d--) {
            inStrides[d] = acc;
            acc *= inDims[d];
        }
        for (int d = 0, acc = 1; d < s; d++) {
            colStrides[d] = acc;
            acc *= inDims[d];
        }
        for (int plane = 0; plane < planes; plane++) {
            int inBase = plane * pin;
            java.util.Arrays.fill(opos, 0);
            for (int q = 0; q < pout; q++) {
                double acc = kind == Kind.MAX ? Double.NEGATIVE_INFINITY : 0;
                int best = -1;
                int counted = 0;
                int padded = 0;
                java.util.Arrays.fill(kpos, 0);
                for (int kk = 0; kk < k; kk++) {
                    int src = 0;
                    int colSrc = 0;
                    boolean inside = true;
                    boolean inPadding = true;
                    for (int d = 0; d < s; d++) {
                        int coord = opos[d] * g.strides[d] - g.padBegin[d] + kpos[d] * g.dilations[d];
                        if (coord < 0 || coord >= inDims[d]) {
                            inside = false;
                            if (coord < -g.padBegin[d] || coord >= inDims[d] + g.padEnd[d]) {
                                inPadding = false;
                            }
                        }
                        src += coord * inStrides[d];
                        colSrc += coord * colStrides[d];
                    }
                    if (inside) {
                        double v = x.getDouble(inBase + src);
                        switch (kind) {
                            case MAX -> {
                                if (best < 0 || v > acc) {
                                    acc = v;
                                    best = columnMajor ? colSrc : src;
                                }
                            }
                            case AVERAGE -> acc += v;
                            case LP -> acc += Math.pow(Math.abs(v), p);
                        }
                        counted++;
                    } else if (inPadding) {
                        padded++;
                    }
                    ConvNd.advance(kpos, g.kernel);
                }
                int o = plane * pout + q;
                switch (kind) {
                    case MAX -> {
                        if (t.isInteger()) {
                            out.setLong(o, (long) acc);
                        } else {
                            out.setDouble(o, acc);
                        }
                        indices[o] = best < 0 ? 0 : (long) plane * pin + best;
                    }
                    case AVERAGE -> {
                        int div = countIncludePad ? counted + padded : counted;
                        out.setDouble(o, div == 0 ? 0 : acc / div);
                    }
                    case LP -> out.setDouble(o, Math.pow(acc, 1.0 / p));
                }
                ConvNd.advance(opos, g.out);
            }
        }
        if (kind == Kind.MAX) {
            return new Tensor[] {out, Tensor.wrap(DType.INT64, shape, indices)};
        }
        return new Tensor[] {out};
    }
}
