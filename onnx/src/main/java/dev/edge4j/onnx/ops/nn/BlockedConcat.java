package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Blocked;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/**
 * The engine's BlockedConcat: Concat along channels of channel-blocked tensors, whose real channel
 * counts are in attribute {@code channels} (one per input). Whole blocks move as runs; inputs that
 * start inside a block are copied lane by lane. Padding lanes of the result are zeros.
 */
final class BlockedConcat implements SimpleOp {
    private final long[] channels;

    BlockedConcat(OpSpec spec) {
        channels = spec.attrs().getLongs("channels", null);
        if (channels == null || channels.length != spec.inputCount()) {
            throw Ops.badModel(spec, "BlockedConcat needs one channel count per input");
        }
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        int b = Blocked.B;
        Tensor first = Ops.input(in, 0, "inputs");
        int n = first.shape().dim(0);
        int h = first.shape().dim(2);
        int w = first.shape().dim(3);
        int pixels = h * w;
        int total = 0;
        for (int i = 0; i < in.length; i++) {
            Tensor t = Ops.input(in, i, "inputs");
            Ops.requireType(t, "BlockedConcat input", DType.FLOAT32);
            if (t.rank() != 5 || t.shape().dim(0) != n || t.shape().dim(2) != h || t.shape().dim(3) != w
                    || t.shape().dim(1) != Blocked.blocks((int) channels[i])) {
                throw new InvalidInputException("BlockedConcat input " + t.shape() + " does not fit " + first.shape());
            }
            total += (int) channels[i];
        }
        int cb = Blocked.blocks(total);
        Tensor out = ctx.alloc(DType.FLOAT32, Shape.of(n, cb, h, w, b));
        float[] o = out.floats();
        int outImage = cb * pixels * b;
        for (int img = 0; img < n; img++) {
            int offset = 0;
            for (int i = 0; i < in.length; i++) {
                float[] x = in[i].floats();
                int c = (int) channels[i];
                int inImage = Blocked.blocks(c) * pixels * b;
                if (offset % b == 0) {
                    // Whole blocks: one run per block (the last may carry padding lanes, rewritten below).
                    System.arraycopy(x, img * inImage, o, img * outImage + (offset / b) * pixels * b, inImage);
                } else {
                    for (int ch = 0; ch < c; ch++) {
                        int src = img * inImage + (ch / b) * pixels * b + ch % b;
                        int oc = offset + ch;
                        int dst = img * outImage + (oc / b) * pixels * b + oc % b;
                        for (int p = 0; p < pixels; p++) {
                            o[dst + p * b] = x[src + p * b];
                        }
                    }
                }
                offset += c;
            }
            // Padding lanes: zeros (an input's own padding may have been copied there).
            for (int ch = total; ch < cb * b; ch++) {
                int dst = img * outImage + (ch / b) * pixels * b + ch % b;
                for (int p = 0; p < pixels; p++) {
                    o[dst + p * b] = 0f;
                }
            }
        }
        return out;
    }
}
