package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Blocked;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * The engine's conversions into and out of the channel-blocked layout ({@link Blocked}), which the
 * layout pass puts at the edges of a convolution chain: {@code ToBlocked} from [N, C, H, W]
 * (attribute {@code layout} "nchw") or [N, H, W, C] ("nhwc") to [N, ceil(C/B), H, W, B], and
 * {@code FromBlocked} back, with the real channel count in attribute {@code channels}.
 */
final class LayoutConversion {
    private LayoutConversion() {}

    static SimpleOp toBlocked(OpSpec spec) {
        boolean nhwc = spec.attrs().getString("layout", "nchw").equals("nhwc");
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "X");
            Ops.requireType(x, "ToBlocked input", DType.FLOAT32);
            Ops.requireRank(x, 4, "ToBlocked input");
            int n = x.shape().dim(0);
            int c = x.shape().dim(nhwc ? 3 : 1);
            int h = x.shape().dim(nhwc ? 1 : 2);
            int w = x.shape().dim(nhwc ? 2 : 3);
            Tensor out = ctx.alloc(DType.FLOAT32, Shape.of(n, Blocked.blocks(c), h, w, Blocked.B));
            if (nhwc) {
                Blocked.fromNhwc(x.floats(), n, c, h * w, out.floats());
            } else {
                Blocked.fromNchw(x.floats(), n, c, h * w, out.floats());
            }
            return out;
        };
    }

    static SimpleOp fromBlocked(OpSpec spec) {
        boolean nhwc = spec.attrs().getString("layout", "nchw").equals("nhwc");
        int c = spec.attrs().getInt("channels", -1);
        if (c < 1) {
            throw Ops.badModel(spec, "FromBlocked needs the channel count");
        }
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "X");
            Ops.requireType(x, "FromBlocked input", DType.FLOAT32);
            Ops.requireRank(x, 5, "FromBlocked input");
            if (x.shape().dim(1) != Blocked.blocks(c) || x.shape().dim(4) != Blocked.B) {
                throw new InvalidInputException("FromBlocked input " + x.shape() + " does not hold " + c + " channels");
            }
            int n = x.shape().dim(0);
            int h = x.shape().dim(2);
            int w = x.shape().dim(3);
            Shape shape = nhwc ? Shape.of(n, h, w, c) : Shape.of(n, c, h, w);
            Tensor out = ctx.alloc(DType.FLOAT32, shape);
            if (nhwc) {
                Blocked.toNhwc(x.floats(), n, c, h * w, out.floats());
            } else {
                Blocked.toNchw(x.floats(), n, c, h * w, out.floats());
            }
            return out;
        };
    }
}
