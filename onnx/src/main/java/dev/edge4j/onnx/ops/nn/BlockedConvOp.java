package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Activation;
import dev.edge4j.kernels.Blocked;
import dev.edge4j.kernels.BlockedConv;
import dev.edge4j.kernels.BlockedDepthwise;
import dev.edge4j.kernels.BlockedFilter;
import dev.edge4j.kernels.Epilogue;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Fused;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * The engine's BlockedConv: a 2-D convolution (one group, or depthwise) writing the channel-blocked
 * layout, with FusedConv's inputs (X, W, B, Z, slope) and attributes. X is blocked, or for a full
 * convolution planar ({@code input_layout} "nchw") or channels-last ("nhwc"); Z is blocked. The
 * weights, bias and slope are constants, packed here once.
 */
final class BlockedConvOp implements SimpleOp {
    private final Geometry.Attrs attrs;
    private final String layout;
    private final int inChannels;
    private final boolean depthwise;
    private final BlockedFilter filter;
    private final int outChannels;
    private final int kh;
    private final int kw;
    private final Epilogue epilogue;

    BlockedConvOp(OpSpec spec) {
        attrs = Geometry.Attrs.of(spec, null);
        layout = spec.attrs().getString("input_layout", "blocked");
        Tensor w = spec.constantInput(1);
        if (w == null || w.dtype() != DType.FLOAT32 || w.rank() != 4) {
            throw Ops.badModel(spec, "BlockedConv needs constant float 2-D weights");
        }
        outChannels = w.shape().dim(0);
        kh = w.shape().dim(2);
        kw = w.shape().dim(3);
        int group = spec.attrs().getInt("group", 1);
        depthwise = group > 1;
        inChannels = depthwise ? group : w.shape().dim(1);
        if (depthwise && (group != outChannels || w.shape().dim(1) != 1 || !layout.equals("blocked"))) {
            throw Ops.badModel(spec, "BlockedConv runs one group or a blocked depthwise convolution");
        }
        filter = BlockedFilter.pack(w.floats(), 0, outChannels, depthwise ? 1 : inChannels, kh, kw);
        Activation act = Fused.activation(spec);
        Tensor bias = spec.hasInput(2) ? spec.constantInput(2) : null;
        Tensor slope = spec.hasInput(4) ? spec.constantInput(4) : null;
        if (spec.hasInput(2) && bias == null || spec.hasInput(4) && slope == null) {
            throw Ops.badModel(spec, "BlockedConv needs a constant bias and slope");
        }
        Epilogue ep = Fused.epilogue(act, Fused.alpha(spec, act), Fused.beta(spec, act), bias, slope, outChannels);
        epilogue = new Epilogue(BlockedFilter.padded(ep.bias(), outChannels), ep.act(),
                BlockedFilter.padded(ep.slope(), outChannels), ep.alpha(), ep.beta());
    }

    BlockedFilter filter() {
        return filter;
    }

    Epilogue epilogue() {
        return epilogue;
    }

    boolean depthwise() {
        return depthwise;
    }

    int outChannels() {
        return outChannels;
    }

    int kh() {
        return kh;
    }

    int kw() {
        return kw;
    }

    /** The window over an input of {@code h x w}: strides, dilations, leading pads, output size. */
    BlockedConv.Window window(int h, int w) {
        Geometry g = Geometry.of(attrs, new int[] {h, w}, new int[] {kh, kw});
        return new BlockedConv.Window(g.strides[0], g.strides[1], g.dilations[0], g.dilations[1], g.padBegin[0],
                g.padBegin[1], g.out[0], g.out[1]);
    }

    /**
     * Where X's channels and pixels are, after checking X against the weights: {@code [n, cb, h,
     * w, B]} blocked, else planar or channels-last as the node says.
     */
    BlockedConv.Input input(Tensor x) {
        Ops.requireType(x, "BlockedConv input", DType.FLOAT32);
        boolean blocked = layout.equals("blocked");
        Ops.requireRank(x, blocked ? 5 : 4, "BlockedConv input");
        boolean nhwc = layout.equals("nhwc");
        int c = blocked ? inChannels : x.shape().dim(nhwc ? 3 : 1);
        int h = x.shape().dim(nhwc ? 1 : 2);
        int w = x.shape().dim(nhwc ? 2 : 3);
        if (c != inChannels || blocked && x.shape().dim(1) != Blocked.blocks(c)) {
            throw new InvalidInputException("BlockedConv input " + x.shape() + " does not hold " + inChannels + " channels");
        }
        return blocked ? BlockedConv.Input.blocked(c, h, w)
                : nhwc ? BlockedConv.Input.channelsLast(c, h, w) : BlockedConv.Input.planar(c, h, w);
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        Tensor z = Ops.optional(in, 3);
        Ops.requireType(x, "BlockedConv input", DType.FLOAT32);
        boolean blocked = layout.equals("blocked");
        Ops.requireRank(x, blocked ? 5 : 4, "BlockedConv input");
        int n = x.shape().dim(0);
        boolean nhwc = layout.equals("nhwc");
        int c = blocked ? inChannels : x.shape().dim(nhwc ? 3 : 1);
        int h = x.shape().dim(nhwc ? 1 : 2);
        int w = x.shape().dim(nhwc ? 2 : 3);
        if (c != inChannels || blocked && x.shape().dim(1) != Blocked.blocks(c)) {
            throw new InvalidInputException("BlockedConv input " + x.shape() + " does not hold " + inChannels + " channels");
        }
        Geometry g = Geometry.of(attrs, new int[] {h, w}, new int[] {kh, kw});
        int oh = g.out[0];
        int ow = g.out[1];
        Shape shape = Shape.of(n, Blocked.blocks(outChannels), oh, ow, Blocked.B);
        if (z != null && !z.shape().equals(shape)) {
            throw new InvalidInputException("BlockedConv residual " + z.shape() + " must have the output's shape " + shape);
        }
        Tensor out = ctx.alloc(DType.FLOAT32, shape);
        if (out.size() == 0) {
            return out;
        }
        BlockedConv.Window win = new BlockedConv.Window(g.strides[0], g.strides[1], g.dilations[0], g.dilations[1],
                g.padBegin[0], g.padBegin[1], oh, ow);
        int inImage = blocked ? Blocked.imageSize(c, h * w) : c * h * w;
        int outImage = Blocked.imageSize(outChannels, oh * ow);
        float[] zs = z == null ? null : z.floats();
        BlockedConv.Input input = blocked ? BlockedConv.Input.blocked(c, h, w)
                : nhwc ? BlockedConv.Input.channelsLast(c, h, w) : BlockedConv.Input.planar(c, h, w);
        int padded = depthwise ? 0 : BlockedConv.scratchLength(filter, input, win);
        float[] scratch = padded == 0 ? null : ctx.scratch(padded);
        for (int img = 0; img < n; img++) {
            if (depthwise) {
                BlockedDepthwise.run(BlockedDepthwise.Mode.CONV, x.floats(), img * inImage, c, h, w, kh, kw, win, filter,
                        null, null, out.floats(), img * outImage, epilogue, zs, img * outImage, ctx.parallel());
            } else {
                BlockedConv.run(filter, x.floats(), img * inImage, input, win, out.floats(), img * outImage, epilogue,
                        zs, img * outImage, ctx.parallel(), scratch);
            }
        }
        if (scratch != null) {
            ctx.recycle(scratch);
        }
        return out;
    }
}
