package dev.edge4j.onnx.ops.sequence;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.TensorSequence;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Op;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Subgraph;
import java.util.ArrayList;
import java.util.List;

/**
 * SequenceMap: runs its body once per element of the input sequence; extra inputs that are
 * sequences are walked in step, tensors are passed to every run. Each output is a sequence.
 */
final class SequenceMap implements Op {
    private final Subgraph body;
    private final int explicit;
    private final int outputs;

    SequenceMap(OpSpec spec) {
        body = spec.subgraph("body");
        explicit = spec.inputCount();
        outputs = spec.outputCount();
    }

    @Override
    public Object[] run(Object[] in, ExecContext ctx) {
        TensorSequence first = SequenceOps.sequence(in[0], "SequenceMap input");
        int n = first.size();
        Object[] outer = java.util.Arrays.copyOfRange(in, explicit, in.length);
        List<List<Tensor>> results = new ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            results.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            Object[] args = new Object[explicit];
            for (int k = 0; k < explicit; k++) {
                Object v = in[k];
                if (v instanceof TensorSequence s) {
                    if (s.size() != n) {
                        throw new InvalidInputException("SequenceMap sequences differ in length");
                    }
                    args[k] = s.get(i);
                } else {
                    args[k] = v;
                }
            }
            Object[] r = body.run(args, outer, ctx);
            for (int o = 0; o < outputs; o++) {
                results.get(o).add(SequenceOps.tensor(r[o], "SequenceMap body output"));
            }
        }
        Object[] out = new Object[outputs];
        for (int o = 0; o < outputs; o++) {
            List<Tensor> items = results.get(o);
            DType t = items.isEmpty() ? first.elementType() : items.get(0).dtype();
            out[o] = new TensorSequence(t, items);
        }
        return out;
    }
}
