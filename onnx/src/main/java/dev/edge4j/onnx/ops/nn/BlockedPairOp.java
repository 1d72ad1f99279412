package dev.edge4j.onnx.ops.nn;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Blocked;
import dev.edge4j.kernels.BlockedConv;
import dev.edge4j.kernels.BlockedPair;
import dev.edge4j.onnx.ir.Attributes;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's BlockedConvPair: a BlockedConv (one group) and the depthwise BlockedConv that reads
 * it, run band by band ({@link BlockedPair}). Inputs: the first convolution's (X, W, B, Z left
 * empty, slope), then the depthwise one's W, B and slope; attributes: the first's, then the
 * depthwise one's with a {@code dw_} prefix.
 */
final class BlockedPairOp implements SimpleOp {
    private final BlockedConvOp first;
    private final BlockedConvOp dw;

    BlockedPairOp(OpSpec spec) {
        Node node = spec.node();
        if (node.inputs().size() != 8 || node.hasInput(3)) {
            throw Ops.badModel(spec, "BlockedConvPair needs eight inputs, the fourth empty");
        }
        Map<String, Object> own = new HashMap<>();
        Map<String, Object> second = new HashMap<>();
        for (Map.Entry<String, Object> e : node.attributes().asMap().entrySet()) {
            if (e.getKey().startsWith("dw_")) {
                second.put(e.getKey().substring(3), e.getValue());
            } else {
                own.put(e.getKey(), e.getValue());
            }
        }
        List<String> in = node.inputs();
        first = new BlockedConvOp(part(spec, in.subList(0, 5), own));
        dw = new BlockedConvOp(part(spec, List.of("", in.get(5), in.get(6), "", in.get(7)), second));
        if (first.depthwise() || !dw.depthwise() || dw.outChannels() != first.outChannels()) {
            throw Ops.badModel(spec, "BlockedConvPair joins a convolution and a depthwise one over its channels");
        }
    }

    /** One of the two convolutions as a node of its own, its constants looked up in the pair's. */
    private static OpSpec part(OpSpec spec, List<String> inputs, Map<String, Object> attrs) {
        Node pair = spec.node();
        Node n = new Node(pair.name(), "BlockedConv", pair.domain(), 1, inputs, pair.outputs(), new Attributes(attrs));
        return new OpSpec(n, name -> {
            int i = pair.inputs().indexOf(name);
            return name.isEmpty() || i < 0 ? null : spec.constantInput(i);
        }, null);
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        BlockedConv.Input input = first.input(x);
        int n = x.shape().dim(0);
        BlockedConv.Window firstWin = first.window(input.height(), input.width());
        BlockedConv.Window win = dw.window(firstWin.outH(), firstWin.outW());
        int mid = first.outChannels();
        Tensor out = ctx.alloc(DType.FLOAT32, Shape.of(n, Blocked.blocks(mid), win.outH(), win.outW(), Blocked.B));
        if (out.size() == 0) {
            return out;
        }
        int threads = ctx.parallel().threads();
        float[] scratch = ctx.scratch(BlockedPair.scratchLength(firstWin.outW(), mid, dw.kh(), win, threads));
        int inImage = x.size() / Math.max(1, n);
        int outImage = Blocked.imageSize(mid, win.outH() * win.outW());
        for (int img = 0; img < n; img++) {
            BlockedPair.run(first.filter(), input, firstWin, first.epilogue(), dw.filter(), dw.kh(), dw.kw(), win,
                    dw.epilogue(), x.floats(), img * inImage, out.floats(), img * outImage, scratch, ctx.parallel());
        }
        ctx.recycle(scratch);
        return out;
    }
}
