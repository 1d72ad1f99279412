package dev.edge4j.onnx.ops.control;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Op;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.Subgraph;
import dev.edge4j.onnx.ops.Take;
import java.util.ArrayList;
import java.util.List;

/**
 * Scan: runs the body once per slice of the scan inputs along their scan axes (forward or
 * backward), threading state variables through, and stacks the per-step scan outputs. Opset 8's
 * form, with a leading batch axis and optional sequence lengths, runs the same per batch entry.
 */
final class Scan implements Op {
    private final Subgraph body;
    private final int scanInputs;
    private final int explicit;
    private final int outputs;
    private final long[] inAxes;
    private final long[] inDirections;
    private final long[] outAxes;
    private final long[] outDirections;
    private final boolean batched;

    Scan(OpSpec spec) {
        body = spec.subgraph("body");
        scanInputs = spec.attrs().getInt("num_scan_inputs", 0);
        explicit = spec.inputCount();
        outputs = spec.outputCount();
        batched = spec.opset() < 9;
        inAxes = spec.attrs().getLongs("scan_input_axes", null);
        inDirections = spec.attrs().getLongs(batched ? "directions" : "scan_input_directions", null);
        outAxes = spec.attrs().getLongs("scan_output_axes", null);
        outDirections = spec.attrs().getLongs("scan_output_directions", null);
        if (scanInputs < 1) {
            throw Ops.badModel(spec, "Scan needs num_scan_inputs >= 1");
        }
    }

    @Override
    public Object[] run(Object[] in, ExecContext ctx) {
        Object[] outer = java.util.Arrays.copyOfRange(in, explicit, in.length);
        Tensor[] values = Ops.tensors(java.util.Arrays.copyOf(in, explicit));
        if (!batched) {
            return scan(values, 0, outer, ctx, -1);
        }
        // Opset 8: input 0 is sequence_lens (optional); every other input has a batch axis first.
        Tensor lens = values[0];
        Tensor[] rest = java.util.Arrays.copyOfRange(values, 1, values.length);
        int batch = rest[0].shape().dim(0);
        List<List<Tensor>> perOutput = new ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            perOutput.add(new ArrayList<>());
        }
        for (int b = 0; b < batch; b++) {
            Tensor[] slice = new Tensor[rest.length];
            for (int i = 0; i < rest.length; i++) {
                slice[i] = index(rest[i], 0, b);
            }
            int len = lens == null ? -1 : (int) lens.getLong(b);
            Object[] r = scan(slice, 0, outer, ctx, len);
            for (int o = 0; o < outputs; o++) {
                perOutput.get(o).add((Tensor) r[o]);
            }
        }
        Object[] out = new Object[outputs];
        for (int o = 0; o < outputs; o++) {
            out[o] = Loop.stack(perOutput.get(o), null);
        }
        return out;
    }

    private Object[] scan(Tensor[] values, int first, Object[] outer, ExecContext ctx, int lengthLimit) {
        int states = values.length - first - scanInputs;
        if (states < 0) {
            throw new InvalidInputException("Scan has fewer inputs than num_scan_inputs");
        }
        Tensor[] state = java.util.Arrays.copyOfRange(values, first, first + states);
        Tensor[] seqs = java.util.Arrays.copyOfRange(values, first + states, values.length);
        int[] axes = new int[scanInputs];
        int steps = -1;
        for (int j = 0; j < scanInputs; j++) {
            axes[j] = Ops.axis(inAxes == null ? 0 : inAxes[j], seqs[j].rank());
            int len = seqs[j].shape().dim(axes[j]);
            if (steps >= 0 && len != steps) {
                throw new InvalidInputException("Scan inputs have different sequence lengths");
            }
            steps = len;
        }
        if (lengthLimit >= 0) {
            steps = Math.min(steps, lengthLimit);
        }
        int scanOutputs = outputs - states;
        List<List<Tensor>> collected = new ArrayList<>();
        for (int k = 0; k < scanOutputs; k++) {
            collected.add(new ArrayList<>());
        }
        for (int t = 0; t < steps; t++) {
            Object[] args = new Object[states + scanInputs];
            System.arraycopy(state, 0, args, 0, states);
            for (int j = 0; j < scanInputs; j++) {
                boolean reverse = inDirections != null && inDirections[j] != 0;
                args[states + j] = index(seqs[j], axes[j], reverse ? steps - 1 - t : t);
            }
            Object[] r = body.run(args, outer, ctx);
            for (int s = 0; s < states; s++) {
                state[s] = (Tensor) r[s];
            }
            for (int k = 0; k < scanOutputs; k++) {
                collected.get(k).add((Tensor) r[states + k]);
            }
        }
        Object[] out = new Object[outputs];
        System.arraycopy(state, 0, out, 0, states);
        for (int k = 0; k < scanOutputs; k++) {
            List<Tensor> items = collected.get(k);
            if (outDirections != null && outDirections[k] != 0) {
                java.util.Collections.reverse(items);
            }
            Tensor stacked = Loop.stack(items, body.outputType(states + k));
            int ax = outAxes == null ? 0 : Ops.axis(outAxes[k], stacked.rank());
            out[states + k] = ax == 0 ? stacked : moveFirstAxis(stacked, ax);
        }
        return out;
    }

    /** The slice at {@code i} along {@code axis}, that axis removed. */
    static Tensor index(Tensor x, int axis, int i) {
        int[] dims = x.dims();
        int outer = x.shape().sizeBetween(0, axis);
        int len = dims[axis];
        int inner = x.shape().sizeBetween(axis + 1, dims.length);
        int[] rest = new int[dims.length - 1];
        for (int d = 0, k = 0; d < dims.length; d++) {
            if (d != axis) {
                rest[k++] = dims[d];
            }
        }
        Object data = x.dtype().newArray(outer * inner);
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x.data(), (o * len + i) * inner, data, o * inner, inner);
        }
        return Tensor.wrap(x.dtype(), Shape.of(rest), data);
    }

    private static Tensor moveFirstAxis(Tensor x, int to) {
        int r = x.rank();
        int[] perm = new int[r];
        for (int d = 0, k = 1; d < r; d++) {
            perm[d] = d == to ? 0 : k++;
        }
        int[] dims = new int[r];
        for (int d = 0; d < r; d++) {
            dims[d] = x.shape().dim(perm[d]);
        }
        return Take.take(x, dev.edge4j.onnx.ops.Strided.transpose(x.dims(), perm), Shape.of(dims));
    }
}
