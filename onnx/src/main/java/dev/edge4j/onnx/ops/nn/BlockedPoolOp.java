package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Blocked;
import dev.edge4j.kernels.BlockedConv;
import dev.edge4j.kernels.BlockedDepthwise;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * The engine's BlockedPool: 2-D MaxPool, AveragePool (attribute {@code mode} "max" or "average",
 * with the pool's own attributes) or a global average ({@code mode} "global_average") on the
 * channel-blocked layout.
 */
final class BlockedPoolOp implements SimpleOp {
    private final String mode;
    private final Geometry.Attrs attrs;
    private final boolean countIncludePad;
    private final int channels;

    BlockedPoolOp(OpSpec spec) {
        mode = spec.attrs().getString("mode", "max");
        attrs = mode.equals("global_average") ? null : Geometry.Attrs.of(spec, null);
        countIncludePad = spec.attrs().getLong("count_include_pad", 0) != 0;
        channels = spec.attrs().getInt("channels", -1);
        if (channels < 1 || attrs != null && attrs.kernel() == null) {
            throw Ops.badModel(spec, "BlockedPool needs its channel count and kernel shape");
        }
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        Ops.requireType(x, "BlockedPool input", DType.FLOAT32);
        Ops.requireRank(x, 5, "BlockedPool input");
        if (x.shape().dim(1) != Blocked.blocks(channels)) {
            throw new InvalidInputException("BlockedPool input " + x.shape() + " does not hold " + channels + " channels");
        }
        int n = x.shape().dim(0);
        int h = x.shape().dim(2);
        int w = x.shape().dim(3);
        int kh;
        int kw;
        BlockedConv.Window win;
        int[] rows;
        int[] cols;
        if (attrs == null) {
            kh = h;
            kw = w;
            win = new BlockedConv.Window(1, 1, 1, 1, 0, 0, 1, 1);
            rows = new int[] {h};
            cols = new int[] {w};
        } else {
            Geometry g = Geometry.of(attrs, new int[] {h, w}, null);
            kh = g.kernel[0];
            kw = g.kernel[1];
            win = new BlockedConv.Window(g.strides[0], g.strides[1], g.dilations[0], g.dilations[1], g.padBegin[0],
                    g.padBegin[1], g.out[0], g.out[1]);
            rows = counts(g, 0);
            cols = counts(g, 1);
        }
        Shape shape = Shape.of(n, x.shape().dim(1), win.outH(), win.outW(), Blocked.B);
        Tensor out = ctx.alloc(DType.FLOAT32, shape);
        if (out.size() == 0) {
            return out;
        }
        BlockedDepthwise.Mode m = mode.equals("max") ? BlockedDepthwise.Mode.MAX : BlockedDepthwise.Mode.SUM;
        int inImage = Blocked.imageSize(channels, h * w);
        int outImage = Blocked.imageSize(channels, win.outH() * win.outW());
        for (int img = 0; img < n; img++) {
            BlockedDepthwise.run(m, x.floats(), img * inImage, channels, h, w, kh, kw, win, null, rows, cols,
                    out.floats(), img * outImage, null, null, 0, ctx.parallel());
        }
        return out;
    }

    /** Per output position along axis {@code d}, how many window taps count toward the average. */
    private int[] counts(Geometry g, int d) {
        int[] c = new int[g.out[d]];
        int lo = countIncludePad ? -g.padBegin[d] : 0;
        int hi = countIncludePad ? g.in[d] + g.padEnd[d] : g.in[d];
        for (int o = 0; o < c.length; o++) {
            for (int i = 0; i < g.kernel[d]; i++) {
                int coord = o * g.strides[d] - g.padBegin[d] + i * g.dilations[d];
                if (coord >= lo && coord < hi) {
                    c[o]++;
                }
            }
        }
        return c;
    }
}
