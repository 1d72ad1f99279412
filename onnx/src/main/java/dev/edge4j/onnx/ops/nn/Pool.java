package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.ConvGeometry;
import dev.edge4j.kernels.Pool2d;
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
    private final boolean wantIndices;

    public Pool(OpSpec spec, Kind kind) {
        this.kind = kind;
        this.attrs = Geometry.Attrs.of(spec, null);
        if (attrs.kernel() == null) {
            throw Ops.badModel(spec, "the pool needs kernel_shape");
        }
        this.countIncludePad = spec.attrs().getLong("count_include_pad", 0) != 0;
        this.columnMajor = spec.attrs().getLong("storage_order", 0) != 0;
        this.p = spec.attrs().getInt("p", 2);
        this.wantIndices = spec.hasOutput(1);
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
        if (t == DType.FLOAT32 && (s == 2 || s == 1) && (kind == Kind.AVERAGE || kind == Kind.MAX && !wantIndices)) {
            return new Tensor[] {fast(x, g, planes, ctx)};
        }
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

    /** 1-D and 2-D float max and average pooling on the vector kernel. */
    private Tensor fast(Tensor x, Geometry g, int planes, ExecContext ctx) {
        boolean twoD = g.in.length == 2;
        int inH = twoD ? g.in[0] : 1;
        int inW = g.in[twoD ? 1 : 0];
        int[] k = twoD ? g.kernel : new int[] {1, g.kernel[0]};
        int[] st = twoD ? g.strides : new int[] {1, g.strides[0]};
        int[] dil = twoD ? g.dilations : new int[] {1, g.dilations[0]};
        int[] pb = twoD ? g.padBegin : new int[] {0, g.padBegin[0]};
        int[] pe = twoD ? g.padEnd : new int[] {0, g.padEnd[0]};
        int[] out = twoD ? g.out : new int[] {1, g.out[0]};
        int[] outDims = x.dims();
        System.arraycopy(g.out, 0, outDims, 2, g.out.length);
        Tensor y = ctx.alloc(DType.FLOAT32, Shape.of(outDims));
        if (y.size() == 0) {
            return y;
        }
        ConvGeometry geo;
        try {
            geo = new ConvGeometry(planes, inH, inW, k[0], k[1], st[0], st[1], dil[0], dil[1], pb[0], pb[1],
                    out[0], out[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("pooling " + x.shape() + ": " + e.getMessage());
        }
        boolean max = kind == Kind.MAX;
        float[] buf = ctx.scratch(geo.preparedLength(planes));
        geo.prepare(x.floats(), 0, planes, buf, max ? Float.NEGATIVE_INFINITY : 0f);
        int[] rows = max ? null : counts(out[0], inH, k[0], st[0], dil[0], pb[0], pe[0]);
        int[] cols = max ? null : counts(out[1], inW, k[1], st[1], dil[1], pb[1], pe[1]);
        Pool2d.run(buf, planes, geo, max, rows, cols, y.floats(), 0, ctx.parallel());
        ctx.recycle(buf);
        return y;
    }

    /** Per output position along one axis, how many window taps count toward the average. */
    private int[] counts(int outLen, int in, int kernel, int stride, int dil, int padBegin, int padEnd) {
        int[] c = new int[outLen];
        int lo = countIncludePad ? -padBegin : 0;
        int hi = countIncludePad ? in + padEnd : in;
        for (int o = 0; o < outLen; o++) {
            for (int i = 0; i < kernel; i++) {
                int coord = o * stride - padBegin + i * dil;
                if (coord >= lo && coord < hi) {
                    c[o]++;
                }
            }
        }
        return c;
    }
}
